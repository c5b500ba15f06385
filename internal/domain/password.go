package domain

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// MinPasswordLength follows NCSC advice: length over complexity.
const MinPasswordLength = 12

// commonPasswordList is 49,233 common and breached passwords, lower-cased:
// the passwords dictionary of zxcvbn-ts (@zxcvbn-ts/language-common 4.1.3,
// MIT licence, passwords/LICENSE), drawn from the ten million passwords Mark
// Burnett published in 2015. scripts/fetch-passwords.sh refreshes it.
//
//go:embed passwords/common.txt
var commonPasswordList string

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 50000)
	for line := range strings.SplitSeq(commonPasswordList, "\n") {
		if line != "" {
			set[line] = struct{}{}
		}
	}
	return set
})

// CommonPasswordCount is how many passwords the shipped list holds.
func CommonPasswordCount() int { return len(commonPasswords()) }

// IsCommonPassword says whether p, ignoring case and surrounding spaces, is
// on the shipped list of common and breached passwords.
func IsCommonPassword(p string) bool {
	_, ok := commonPasswords()[strings.ToLower(strings.TrimSpace(p))]
	return ok
}

// PasswordProblem says what is wrong with a new password, as the end of a
// sentence that starts with its label ("The password …"), or "" when nothing is.
func PasswordProblem(p string) string {
	switch {
	case strings.TrimFunc(p, unicode.IsSpace) == "":
		return "must not be only spaces"
	case utf8.RuneCountInString(p) < MinPasswordLength:
		return "must be 12 characters or more"
	case IsCommonPassword(p):
		return "is too common: it is on a list of passwords that are used often or have been leaked. Choose another, such as three random words"
	}
	return ""
}
