package domain

import "strings"

// FieldError is a plain-English message about one form field.
type FieldError struct {
	Field   string // the form field's name and id, used for the error summary link
	Message string
}

// FieldErrors is every problem found with a form, in the order of its fields.
type FieldErrors []FieldError

// Error joins the messages, so FieldErrors can travel as an error.
func (e FieldErrors) Error() string {
	msgs := make([]string, len(e))
	for i, fe := range e {
		msgs[i] = fe.Field + ": " + fe.Message
	}
	return strings.Join(msgs, "; ")
}

// For returns the first message for field, or "" when it has none.
func (e FieldErrors) For(field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// Add appends a message for field unless the field already has one.
func (e *FieldErrors) Add(field, message string) {
	if e.For(field) == "" {
		*e = append(*e, FieldError{Field: field, Message: message})
	}
}
