package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// target is one address the run requests and the demo accounts that may see it.
type target struct {
	path     string
	floor    bool
	accounts []string // the accounts that got 200 for it when probed
	users    int      // virtual users given to it
	skipped  string   // why it is not requested, if it is not
}

// plan is every target, the floor first; skipped ones get no users.
type plan struct {
	targets []*target
}

func (p *plan) requested() []*target {
	var ts []*target
	for _, t := range p.targets {
		if t.skipped == "" {
			ts = append(ts, t)
		}
	}
	return ts
}

// newTransport is shared by every virtual user: keep-alive connections, enough
// idle ones for all users, and never a proxy, so every request stays on loopback.
func newTransport(users int) *http.Transport {
	return &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        2*users + 10,
		MaxIdleConnsPerHost: 2*users + 10,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
}

// newClient is one browser: its own cookie jar, redirects not followed (a
// redirect to /login would mean the session was lost, and counts as an error).
func newClient(tr *http.Transport) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar:           jar,
		Transport:     tr,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// signIn posts the sign-in form as a browser on the same site would.
func signIn(ctx context.Context, c *http.Client, base, email, password string) error {
	form := url.Values{"email": {email}, "password": {password}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("sign in as %s: %w", email, err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") == "/login" {
		return fmt.Errorf("sign in as %s: status %d (is SAFEBOARD_DEMO_PASSWORD the demo password?)", email, res.StatusCode)
	}
	return nil
}

// get requests path and reads the whole body, returning the status.
func get(ctx context.Context, c *http.Client, base, path string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		return 0, err
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

// planTargets signs in as every demo account and requests every page once, so
// each page is then requested only by accounts allowed to see it; a page no
// account may see (not implemented yet, or refused) is reported, not requested.
func planTargets(ctx context.Context, base string, cfg config, accounts []string, logf func(string, ...any)) (*plan, error) {
	tr := newTransport(len(accounts))
	defer tr.CloseIdleConnections()
	p := &plan{targets: []*target{{path: floorPath, floor: true, accounts: accounts}}}
	statuses := make([]map[int][]string, len(cfg.pages))
	for i := range cfg.pages {
		statuses[i] = map[int][]string{}
	}
	for _, account := range accounts {
		c := newClient(tr)
		if err := signIn(ctx, c, base, account, cfg.password); err != nil {
			return nil, err
		}
		for i, page := range cfg.pages {
			status, err := get(ctx, c, base, page)
			if err != nil {
				return nil, fmt.Errorf("probe %s as %s: %w", page, account, err)
			}
			statuses[i][status] = append(statuses[i][status], account)
		}
	}
	for i, page := range cfg.pages {
		t := &target{path: page, accounts: statuses[i][http.StatusOK]}
		switch {
		case len(t.accounts) > 0:
		case len(statuses[i][http.StatusNotImplemented]) > 0:
			t.skipped = "not implemented yet (501)"
		default:
			var seen []string
			for _, status := range slices.Sorted(maps.Keys(statuses[i])) {
				seen = append(seen, fmt.Sprintf("%d for %d", status, len(statuses[i][status])))
			}
			t.skipped = "no demo account got 200 (" + strings.Join(seen, ", ") + " accounts)"
		}
		if t.skipped != "" {
			logf("%s: %s; not requested", page, t.skipped)
		} else {
			logf("%s: requested as %s", page, accountsText(t.accounts))
		}
		p.targets = append(p.targets, t)
	}
	requested := p.requested()
	for i := range cfg.users {
		requested[i%len(requested)].users++
	}
	return p, nil
}

// accountsText shortens a list of accounts for the log.
func accountsText(accounts []string) string {
	if len(accounts) <= 4 {
		return strings.Join(accounts, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(accounts[:3], ", "), len(accounts)-3)
}

// user is one signed-in virtual user, always requesting one target.
type user struct {
	client  *http.Client
	target  *target
	account string
}

// signInUsers gives each target its share of users, each signed in as one of the
// accounts allowed to see it, in turn, with a session of its own.
func signInUsers(ctx context.Context, base string, cfg config, p *plan) ([]*user, error) {
	tr := newTransport(cfg.users)
	requested := p.requested()
	users := make([]*user, cfg.users)
	for i := range users {
		t := requested[i%len(requested)]
		n := i / len(requested)
		users[i] = &user{client: newClient(tr), target: t, account: t.accounts[n%len(t.accounts)]}
	}
	// Sign-in is slow on purpose (argon2id), so a few at a time.
	var wg sync.WaitGroup
	errs := make([]error, len(users))
	sem := make(chan struct{}, 4)
	for i, u := range users {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = signIn(ctx, u.client, base, u.account, cfg.password)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return users, nil
}
