package web

import (
	"net/http"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5/middleware"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// Nothing typed is lost (issue 14): text PostgreSQL cannot store (a NUL byte,
// bytes that are not UTF-8) is refused at its field with 422, and a form
// posted while the database is down comes back on a 503 page that lists
// every field it posted, so the user can copy it and try again.

// storable says whether PostgreSQL can store s as text.
func storable(s string) bool { return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 }

// shownBack is s with what cannot be stored replaced by U+FFFD, the
// character browsers show for it, so the rest of the text can be shown.
func shownBack(s string) string {
	if storable(s) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// badTextMessage is the message at a field whose text cannot be stored.
func badTextMessage(label string) string {
	return capitalise(label) + " contains characters that cannot be saved, shown as \uFFFD: remove them and save again"
}

// badText finds the string fields of a form (or a domain type as typed)
// whose text cannot be stored, with a message for each.
func badText(form any) domain.FieldErrors {
	var errs domain.FieldErrors
	v := reflect.ValueOf(form)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	t := v.Type()
	for i := range t.NumField() {
		sf, fv := t.Field(i), v.Field(i)
		switch {
		case sf.Anonymous && fv.Kind() == reflect.Struct:
			errs = append(errs, badText(fv.Interface())...)
		case fv.Kind() == reflect.String && sf.Tag.Get("form") != "" && !storable(fv.String()):
			label := sf.Tag.Get("label")
			if label == "" {
				label = sf.Tag.Get("form")
			}
			errs.Add(sf.Tag.Get("form"), badTextMessage(label))
		}
	}
	return errs
}

// postedLabels are the labels of the forms' fields by name, read from the
// tags of every form type, for the page that lists a posted form's fields.
var postedLabels = labelsOf(signInForm{}, agencyForm{}, adminIndicatorForm{}, periodForm{}, userForm{},
	coverForm{}, publishForm{}, textForm{}, commentForm{}, sendBackForm{},
	domain.ReviewItem{}, domain.Objective{}, domain.ObjectiveResult{}, domain.AimObjective{},
	domain.PlanObjective{}, domain.PlanItem{}, domain.StrategicAim{}, domain.BoardMember{},
	domain.NewChallenge{}, domain.ChallengeAnswerText{}, domain.ChallengeClosing{})

func labelsOf(forms ...any) map[string]string {
	labels := map[string]string{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			sf := t.Field(i)
			if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
				walk(sf.Type)
				continue
			}
			name, label := sf.Tag.Get("form"), sf.Tag.Get("label")
			if name != "" && label != "" {
				if _, seen := labels[name]; !seen {
					labels[name] = capitalise(label)
				}
			}
		}
	}
	for _, f := range forms {
		walk(reflect.TypeOf(f))
	}
	return labels
}

// postedLabel names a posted field: its label, or its name made readable.
func postedLabel(name string) string {
	if l, ok := postedLabels[name]; ok {
		return l
	}
	return capitalise(strings.ReplaceAll(strings.ReplaceAll(name, "_", " "), "-", " "))
}

// postedFields lists what a request posted, in the order of the field names,
// with values as they can be shown; a password is not shown again.
func postedFields(r *http.Request) []templates.PostedField {
	if r.Method != http.MethodPost {
		return nil
	}
	var values map[string][]string
	switch {
	case r.MultipartForm != nil:
		values = r.MultipartForm.Value
	default:
		if r.PostForm == nil {
			_ = r.ParseForm() // a body over the limit leaves what was read
		}
		values = r.PostForm
	}
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names)
	var fields []templates.PostedField
	for _, name := range names {
		for _, value := range values[name] {
			if strings.TrimSpace(value) == "" {
				continue
			}
			f := templates.PostedField{Name: shownBack(name), Label: postedLabel(shownBack(name)), Value: shownBack(value)}
			if strings.Contains(name, "password") {
				f.Value, f.Hidden = "", true
			}
			fields = append(fields, f)
		}
	}
	return fields
}

// renderUnavailable answers 503 while the database is down, listing a posted form's fields.
func (s *Server) renderUnavailable(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Warn("database unavailable", "request_id", middleware.GetReqID(r.Context()), "error", err.Error())
	w.Header().Set("Retry-After", "30")
	s.renderPosted(w, r, http.StatusServiceUnavailable)
}

// renderBadText answers 422 for text a form the handler did not check could
// not store, listing the form's fields so nothing typed is lost.
func (s *Server) renderBadText(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Info("text refused by the database", "request_id", middleware.GetReqID(r.Context()), "error", err.Error())
	s.renderPosted(w, r, http.StatusUnprocessableEntity)
}

func (s *Server) renderPosted(w http.ResponseWriter, r *http.Request, status int) {
	view := templates.PostedView{Status: status, RequestID: middleware.GetReqID(r.Context()), Fields: postedFields(r)}
	user := currentUser(r.Context())
	p := templates.Page{Title: view.Title(), User: user, BoardName: s.cfg.BoardName, Administers: Can(user, ActionAdminister)}
	s.render(w, r, status, templates.PostedPage(p, view))
}
