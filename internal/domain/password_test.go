package domain

import "testing"

func TestPasswordProblem(t *testing.T) {
	cases := []struct {
		name, password, want string
	}{
		{"twelve spaces are refused", "            ", "must not be only spaces"},
		{"tabs and newlines are spaces too", "\t\t\t\t\n\n\n\n    ", "must not be only spaces"},
		{"eleven characters are too few", "abcdefghijk", "must be 12 characters or more"},
		{"a common password of twelve characters is refused", "password1234", PasswordProblem("qwerty123456")},
		{"case does not hide a common password", "PassWord1234", PasswordProblem("password1234")},
		{"spaces around do not hide a common password", "  password1234 ", PasswordProblem("password1234")},
		{"three random words are fine", "kettle-marsh-orbit", ""},
		{"twelve characters counted as people see them", "ééééééééééé1", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := PasswordProblem(c.password); got != c.want {
				t.Errorf("PasswordProblem(%q) = %q, want %q", c.password, got, c.want)
			}
		})
	}
	if PasswordProblem("password1234") == "" {
		t.Error("password1234 is accepted")
	}
}

func TestTheShippedListHoldsAtLeastTenThousandPasswords(t *testing.T) {
	if n := CommonPasswordCount(); n < 10000 {
		t.Fatalf("%d passwords, want at least 10,000", n)
	}
	for _, p := range []string{"123456", "password", "qwerty123456", "password1234"} {
		if !IsCommonPassword(p) {
			t.Errorf("%q is not on the list", p)
		}
	}
}
