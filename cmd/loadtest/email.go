package main

import (
	"context"
	"fmt"

	"safeboard/internal/domain"
	"safeboard/internal/mail"
	"safeboard/internal/store"
)

// unsubscribePage is the address of an email's unsubscribe link for the
// demo's member (the page a link in an email opens, without signing in): its
// token is signed with the database's own secret, so it is read from there.
func unsubscribePage(ctx context.Context, cfg config) (string, error) {
	st, err := store.Open(ctx, cfg.dbURL)
	if err != nil {
		return "", err
	}
	defer st.Close()
	secret, err := st.MailSecret(ctx)
	if err != nil {
		return "", err
	}
	member, err := st.UserByEmail(ctx, "member@demo.test")
	if err != nil {
		return "", fmt.Errorf("the demo's member: %w", err)
	}
	return "/unsubscribe/" + mail.UnsubscribeToken(secret, member.ID, domain.NotifyReportPublished), nil
}
