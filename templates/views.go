package templates

import (
	"net/http"
	"strconv"

	"safeboard/internal/domain"
)

// SignInView is the sign-in page's model.
type SignInView struct {
	Email  string
	Errors domain.FieldErrors
}

// HomeView is the home page's model.
type HomeView struct {
	Periods []domain.Period
	// Published is how many versions of each period's report are
	// published, by period id: the table links only to those with some.
	Published map[int64]int
}

// ErrorView is a plain error page's model.
type ErrorView struct {
	Status    int
	RequestID string
}

// Title is the page heading for the status.
func (e ErrorView) Title() string {
	switch e.Status {
	case http.StatusNotFound:
		return "Page not found"
	case http.StatusForbidden:
		return "You do not have permission to see this page"
	case http.StatusBadRequest:
		return "Sorry, that request could not be understood"
	case http.StatusConflict:
		return "That change cannot be made"
	case http.StatusMethodNotAllowed:
		return "That action is not available here"
	case http.StatusTooManyRequests:
		return "Your PDF is still being made"
	}
	return "Sorry, there is a problem with the service"
}

// AgencyFormValues is an agency form as typed.
type AgencyFormValues struct {
	Name         string
	ShortName    string
	Slug         string
	Sector       string
	GroupName    string
	DisplayOrder string
	Active       string
}

// AgencyFormView is the add or change agency page's model.
type AgencyFormView struct {
	ID     int64 // 0 when adding
	Values AgencyFormValues
	Errors domain.FieldErrors
	Groups []string
}

// Sectors are the kinds of partner agency the form offers.
var Sectors = []string{
	"Local authority", "Health", "Police", "Probation", "Youth justice", "Family courts",
	"Secure estate", "Education", "Voluntary sector", "Other",
}

// UserFormValues is a user form as typed.
type UserFormValues struct {
	Name     string
	Email    string
	Role     string
	Agency   string // the agency's slug
	Password string
}

// UserFormView is the add or change user page's model.
type UserFormView struct {
	User   *domain.User // nil when adding
	Values UserFormValues
	// PasswordCleared says a password was typed but not sent back with the form's errors.
	PasswordCleared bool
	Errors          domain.FieldErrors
	Agencies        []domain.Agency
}

// PeriodFormValues is a period form as typed.
type PeriodFormValues struct {
	Label    string
	Open     string
	Deadline DateParts
}

// PeriodFormView is the add or change period page's model.
type PeriodFormView struct {
	Period *domain.Period // nil when adding
	Values PeriodFormValues
	Errors domain.FieldErrors
	// Carry offers to start the period from the year before, or says it was;
	// nil when there is no year before.
	Carry *CarryOffer
	// Unconfirmed are the period's targets still to be confirmed, which the
	// page warns of before the period opens.
	Unconfirmed []domain.UnconfirmedTarget
}

// CarryOffer is starting a period from the year before, as the period's
// page offers it.
type CarryOffer struct {
	From   domain.Period
	Path   string // the page that starts it; empty when it cannot be started
	Reason string // why it cannot, when it cannot and was not
}

// CarryView is the page that starts a period from the year before.
type CarryView struct {
	Period domain.Period
	From   domain.Period
	// Problem says why it was not started, although the manager asked.
	Problem string
	// Started means the period was started already: the page offers no button.
	Started bool
}

// Action is where the page posts.
func (v CarryView) Action() string { return idPath("/admin/periods/", v.Period.ID, "/start") }

func idPath(prefix string, id int64, suffix string) string {
	return prefix + strconv.FormatInt(id, 10) + suffix
}

// PostedView is the page shown when a posted form could not be saved for a
// reason outside the form: the database is down (503), or it refused text
// the form did not check (422). It lists every field posted, to copy.
type PostedView struct {
	Status    int
	RequestID string
	Fields    []PostedField
}

// PostedField is one posted field: its label and what was typed.
type PostedField struct {
	Name, Label, Value string
	Hidden             bool // a password, not shown again
}

// Title is the page heading for the status.
func (v PostedView) Title() string {
	if v.Status == http.StatusUnprocessableEntity {
		return "Some of what you typed cannot be saved"
	}
	return "Sorry, the service is unavailable"
}
