package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"strings"

	"github.com/alexedwards/argon2id"
	"golang.org/x/term"

	"safeboard/internal/demo"
	"safeboard/internal/domain"
	"safeboard/internal/store"
)

func userCommand(ctx context.Context, env environment, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(env.stdout, "Usage: safeboard user add --email E --name N --role manager|chair|lead|member [--agency SLUG]")
			return nil
		}
		return fmt.Errorf("%w: usage: safeboard user add --email E --name N --role ROLE [--agency SLUG]", errUsage)
	}
	fs := env.flags("user add", "user add --email E --name N --role manager|chair|lead|member [--agency SLUG]\n\nAdds a user. The password is asked for on the terminal, or read from SAFEBOARD_PASSWORD.")
	email := fs.String("email", "", "the email address they sign in with")
	name := fs.String("name", "", "their full name")
	role := fs.String("role", "", "manager, chair, lead or member")
	agencySlug := fs.String("agency", "", "the agency's address name (leads only), such as nhs-medway")
	if helped, err := parse(fs, args[1:]); helped || err != nil {
		return err
	}
	*email, *name = strings.TrimSpace(*email), strings.TrimSpace(*name)
	if err := checkUserFlags(*email, *name, domain.Role(*role), *agencySlug); err != nil {
		return err
	}
	password, err := readPassword(env)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()

	nu := store.NewUser{Email: *email, Name: *name, Role: domain.Role(*role)}
	if *agencySlug != "" {
		a, err := st.AgencyBySlug(ctx, *agencySlug)
		if errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("no agency has the address name %q", *agencySlug)
		}
		if err != nil {
			return err
		}
		nu.AgencyID = &a.ID
	}
	if nu.PasswordHash, err = argon2id.CreateHash(password, argon2id.DefaultParams); err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	id, err := st.CreateUser(ctx, domain.CommandLine, nu)
	var dup *domain.DuplicateError
	if errors.As(err, &dup) {
		return fmt.Errorf("a user with the email address %s already exists", *email)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Added %s <%s> as %s (user %d).\n", *name, *email, domain.Role(*role).Title(), id)
	return nil
}

func checkUserFlags(email, name string, role domain.Role, agency string) error {
	var problems []string
	// A bare address only: "Name <a@b>" would be stored as typed and never match at sign-in.
	if addr, err := mail.ParseAddress(email); err != nil || addr.Name != "" || addr.Address != email {
		problems = append(problems, "--email must be an email address, like name@example.org")
	}
	if strings.TrimSpace(name) == "" {
		problems = append(problems, "--name must be the person's full name")
	}
	if !role.Valid() {
		problems = append(problems, "--role must be one of manager, chair, lead, member")
	}
	if role == domain.RoleLead && agency == "" {
		problems = append(problems, "--agency is required for a lead: the address name of their agency")
	}
	if role != domain.RoleLead && agency != "" {
		problems = append(problems, "--agency is only for leads")
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", errUsage, strings.Join(problems, "; "))
	}
	return nil
}

// readPassword takes SAFEBOARD_PASSWORD, or asks twice on the terminal without echo.
func readPassword(env environment) (string, error) {
	password := env.getenv("SAFEBOARD_PASSWORD")
	if password == "" {
		f, ok := env.stdin.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return "", errors.New("no password: set SAFEBOARD_PASSWORD, or run this on a terminal to be asked for one")
		}
		first, err := prompt(env, f, "Password: ")
		if err != nil {
			return "", err
		}
		second, err := prompt(env, f, "Password again: ")
		if err != nil {
			return "", err
		}
		if first != second {
			return "", errors.New("the two passwords differ")
		}
		password = first
	}
	if problem := domain.PasswordProblem(password); problem != "" {
		return "", fmt.Errorf("the password %s", problem)
	}
	return password, nil
}

func prompt(env environment, f *os.File, label string) (string, error) {
	fmt.Fprint(env.stderr, label)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(env.stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	return string(b), nil
}

func demoCommand(ctx context.Context, env environment, args []string) error {
	fs := env.flags("demo", "demo\n\nLoads the demo board (the Medway board's 2009/10 cycle) and prints the demo logins.\nSafe to run again. The password is SAFEBOARD_DEMO_PASSWORD, or safeguarding-demo when unset.")
	if helped, err := parse(fs, args); helped || err != nil {
		return err
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	password := env.getenv("SAFEBOARD_DEMO_PASSWORD")
	if password == "" {
		password = demo.DefaultPassword
	}
	logins, err := demo.Load(ctx, st, password)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.stdout)
	fmt.Fprintf(w, "Demo board loaded: %s.\n\nSign in with any of these (password: %s):\n", demo.BoardName, password)
	for _, l := range logins {
		fmt.Fprintf(w, "  %-52s %s\n", l.Email, l.Account())
	}
	return w.Flush()
}
