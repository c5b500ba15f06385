// Package mail sends the outbox's emails over SMTP (issue 17) and signs the
// one-click unsubscribe links they carry.
//
// Sending uses github.com/wneessen/go-mail: it is actively kept, has no
// dependencies outside the standard library and golang.org/x, speaks SMTP
// with STARTTLS, implicit TLS and SMTP AUTH (choosing the server's strongest
// mechanism), writes correct MIME and headers, and sets RFC 8058's
// List-Unsubscribe and List-Unsubscribe-Post headers itself.
package mail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"safeboard/internal/domain"
)

// UnsubscribeToken signs a user's choice to stop one kind of email, so the
// link works without signing in: the user's id, the kind, and an HMAC-SHA256
// of both under the database's secret (store.MailSecret).
func UnsubscribeToken(secret []byte, userID int64, kind domain.NotificationKind) string {
	payload := fmt.Sprintf("%d.%s", userID, kind)
	return payload + "." + sign(secret, payload)
}

// ReadUnsubscribeToken checks a token's signature and returns the user and
// kind it names; ok is false for a token not signed with secret.
func ReadUnsubscribeToken(secret []byte, token string) (userID int64, kind domain.NotificationKind, ok bool) {
	payload, sig, found := cutLast(token, ".")
	if !found || !hmac.Equal([]byte(sig), []byte(sign(secret, payload))) {
		return 0, "", false
	}
	id, k, found := strings.Cut(payload, ".")
	if !found {
		return 0, "", false
	}
	userID, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return 0, "", false
	}
	return userID, domain.NotificationKind(k), true
}

func sign(secret []byte, payload string) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("unsubscribe:" + payload))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18])
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
