package web

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// validate is the one validator instance; field names are the form's names.
var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		return f.Tag.Get("form")
	})
	must(v.RegisterValidation("slug", func(fl validator.FieldLevel) bool {
		return slugPattern.MatchString(fl.Field().String())
	}))
	must(v.RegisterValidation("password", func(fl validator.FieldLevel) bool {
		return domain.PasswordProblem(fl.Field().String()) == ""
	}))
	must(v.RegisterValidation("period_label", func(fl validator.FieldLevel) bool {
		return validPeriodLabel(fl.Field().String())
	}))
	return v
}

// checkForm validates a form struct, or a domain type's fields as typed
// (such as domain.ReviewItem), and turns failures into plain-English messages
// per field. Each field's `label` tag names it in messages, in lower case; a
// `missing` tag, when present, says what a required field's message asks for
// instead ("Enter " + missing), where the label alone would be vague, or what
// one of several fields must give (required_without).
//
// A field whose text PostgreSQL cannot store (a NUL byte, bytes that are not
// UTF-8) gets that message first (badText), and the handler's 422 shows the
// rest of the text back.
func checkForm(form any) domain.FieldErrors {
	errs := badText(form)
	err := validate.Struct(form)
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return errs
	}
	t := reflect.TypeOf(form)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, fe := range verrs {
		label, choice := fe.Field(), false
		if sf, ok := t.FieldByName(fe.StructField()); ok {
			if l := sf.Tag.Get("label"); l != "" {
				label = l
			}
			choice = sf.Tag.Get("choice") == "true"
			// required, or required_without and its kin: a field that one of several must fill.
			if missing := sf.Tag.Get("missing"); missing != "" && strings.HasPrefix(fe.Tag(), "required") {
				errs.Add(fe.Field(), "Enter "+missing)
				continue
			}
		}
		errs.Add(fe.Field(), message(fe, label, choice))
	}
	return errs
}

// message is the GOV.UK-style sentence for one failed rule.
func message(fe validator.FieldError, label string, choice bool) string {
	switch fe.Tag() {
	case "required":
		if choice {
			return "Select " + label
		}
		return "Enter " + label
	case "email":
		return "Enter an email address in the correct format, like name@example.com"
	case "max":
		// The validator counts a string's characters, not its bytes.
		return fmt.Sprintf("%s must be %s characters or fewer", capitalise(label), readableNumber(fe.Param()))
	case "min":
		if fe.Kind() == reflect.String {
			return fmt.Sprintf("%s must be %s characters or more", capitalise(label), readableNumber(fe.Param()))
		}
		return fmt.Sprintf("%s must be %s or more", capitalise(label), readableNumber(fe.Param()))
	case "oneof":
		return "Select " + label
	case "slug":
		return capitalise(label) + " must only include lower-case letters, numbers and hyphens, like nhs-medway"
	case "password":
		return "The password " + domain.PasswordProblem(fmt.Sprint(fe.Value()))
	case "period_label":
		return capitalise(label) + " must be written like 2011/12, the second year following the first"
	case "gte", "lte", "number", "numeric":
		return capitalise(label) + " must be a whole number"
	}
	return "Enter a valid " + label
}

// readableNumber writes a whole number the way people read it, with commas
// between thousands: 10000 becomes 10,000. Anything else is left as it is.
func readableNumber(n string) string {
	if _, err := strconv.Atoi(n); err != nil || strings.HasPrefix(n, "-") {
		return n
	}
	for i := len(n) - 3; i > 0; i -= 3 {
		n = n[:i] + "," + n[i:]
	}
	return n
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parseForm reads a urlencoded form, saying clearly when it is too large.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fmt.Errorf("%w: form too large", errBadRequest)
		}
		return fmt.Errorf("%w: %v", errBadRequest, err)
	}
	return nil
}

var errBadRequest = errors.New("bad request")

// field reads a form value with surrounding spaces removed.
func field(r *http.Request, name string) string {
	return strings.TrimSpace(r.PostFormValue(name))
}

// formVersion reads a hidden version field; a missing or garbled one is a bad request.
func formVersion(r *http.Request, name string) (int, error) {
	v, err := strconv.Atoi(r.PostFormValue(name))
	if err != nil {
		return 0, errBadRequest
	}
	return v, nil
}

// postedVersion parses a posted form and reads its hidden version field.
func postedVersion(r *http.Request) (int, error) {
	if err := parseForm(r); err != nil {
		return 0, err
	}
	return formVersion(r, "version")
}

// textField reads a textarea. Browsers send CRLF line ends; LF keeps the
// character limits counting what people see.
func textField(r *http.Request, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(r.PostFormValue(name), "\r\n", "\n"))
}

// formPage is the layout model of a form page, its title prefixed "Error:" when it shows a problem.
func (s *Server) formPage(r *http.Request, title string, problem bool) templates.Page {
	p := s.page(r, title, "")
	p.HasErrors = problem
	return p
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validPeriodLabel accepts a financial year such as 2011/12, where the second year follows the first.
func validPeriodLabel(label string) bool {
	if len(label) != 7 || label[4] != '/' {
		return false
	}
	first, err1 := strconv.Atoi(label[:4])
	second, err2 := strconv.Atoi(label[5:])
	return err1 == nil && err2 == nil && first >= 1990 && second == (first+1)%100
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
