// Package domain holds Safeboard's domain types and errors. It imports no web,
// database or template package, so every other layer can depend on it.
package domain

import (
	"errors"
	"fmt"
	"time"
)

// Role is what a user may do on the board.
type Role string

// The four roles of PRODUCT.md.
const (
	RoleManager Role = "manager"
	RoleChair   Role = "chair"
	RoleLead    Role = "lead"
	RoleMember  Role = "member"
)

// Roles lists every role in the order forms offer them.
var Roles = []Role{RoleManager, RoleChair, RoleLead, RoleMember}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	for _, known := range Roles {
		if r == known {
			return true
		}
	}
	return false
}

// Title is the role as people say it.
func (r Role) Title() string {
	switch r {
	case RoleManager:
		return "Board manager"
	case RoleChair:
		return "Independent chair"
	case RoleLead:
		return "Agency lead"
	case RoleMember:
		return "Board member"
	}
	return string(r)
}

// Agency is a partner agency of the board.
type Agency struct {
	ID           int64
	Name         string
	Slug         string
	ShortName    string
	Sector       string
	GroupName    string
	DisplayOrder int
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// User is a person who signs in.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	AgencyID     *int64
	AgencyName   string // filled when listing, empty when the user has no agency
	PasswordHash string
	Disabled     bool
	LastSignInAt *time.Time
	// SessionsValidFrom ends every session signed in before it (a new password, or disabling).
	SessionsValidFrom *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Period is a reporting period, one financial year such as 2009/10.
type Period struct {
	ID       int64
	Label    string // 2009/10
	Slug     string // 2009-10
	StartsOn time.Time
	EndsOn   time.Time
	Deadline *time.Time
	IsOpen   bool
	// CarriedFrom is the period this one was started from (its outline,
	// headings and targets, and the objectives its returns look back on);
	// nil when it was not.
	CarriedFrom *int64
	CarriedAt   *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// PeriodSlug turns a label such as 2009/10 into its address form 2009-10.
func PeriodSlug(label string) string {
	b := []byte(label)
	for i, c := range b {
		if c == '/' {
			b[i] = '-'
		}
	}
	return string(b)
}

// PeriodForYear returns the financial year starting in April of startYear.
func PeriodForYear(startYear int) Period {
	label := fmt.Sprintf("%04d/%02d", startYear, (startYear+1)%100)
	return Period{
		Label:    label,
		Slug:     PeriodSlug(label),
		StartsOn: time.Date(startYear, time.April, 1, 0, 0, 0, 0, time.UTC),
		EndsOn:   time.Date(startYear+1, time.March, 31, 0, 0, 0, 0, time.UTC),
	}
}

// Actor is who made a change, recorded on every audit event.
type Actor struct {
	UserID *int64 // nil for the command line
	Label  string // an email address, or "command line"
}

// UserActor is the actor for a signed-in user.
func UserActor(u *User) Actor {
	id := u.ID
	return Actor{UserID: &id, Label: u.Email}
}

// CommandLine is the actor for changes made with the safeboard command.
var CommandLine = Actor{Label: "command line"}

// AuditEvent records one change, written in the same transaction as the change.
type AuditEvent struct {
	ID         int64
	ActorID    *int64
	ActorLabel string
	OccurredAt time.Time
	Action     string
	Entity     string
	EntityID   *int64
	Details    map[string]any
}

// Errors that every layer understands. The web layer maps them to HTTP once.
var (
	// ErrNotFound means the thing asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrForbidden means the signed-in user may not do this.
	ErrForbidden = errors.New("forbidden")
	// ErrConflict means the change clashes with data already saved.
	ErrConflict = errors.New("conflict")
)

// DuplicateError says which field already holds the value elsewhere.
type DuplicateError struct {
	Field string // the form field name, such as "email" or "slug"
}

func (e *DuplicateError) Error() string { return "duplicate " + e.Field }

// Is makes a DuplicateError match ErrConflict.
func (e *DuplicateError) Is(target error) bool { return target == ErrConflict }
