package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// The pages of the board's year-round cycle need a year started from the one
// before it: the demo leaves 2010/11 closed and not started, for people to
// try. startNextYear starts it from 2009/10 and opens it, as the manager
// would, before the pages are probed; on a board where that was done already
// it changes nothing.

// nextYearEdit finds the demo's 2010/11 on the periods page.
var nextYearEdit = regexp.MustCompile(`data-testid="period-2010-11"[\s\S]*?href="(/admin/periods/[0-9]+)/edit"`)

// startNextYear signs in as the manager, starts 2010/11 from 2009/10 and opens it.
func startNextYear(ctx context.Context, base string, cfg config, logf func(string, ...any)) error {
	tr := newTransport(1)
	defer tr.CloseIdleConnections()
	c := newClient(tr)
	if err := signIn(ctx, c, base, "manager@demo.test", cfg.password); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/admin/periods", nil)
	if err != nil {
		return err
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	page, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return err
	}
	m := nextYearEdit.FindSubmatch(page)
	if m == nil {
		return fmt.Errorf("the periods page lists no 2010/11 to start from 2009/10")
	}
	period := string(m[1])
	for _, step := range []struct {
		path string
		ok   []int // 409: started already
	}{{period + "/start", []int{http.StatusSeeOther, http.StatusConflict}}, {period + "/open", []int{http.StatusSeeOther}}} {
		status, err := post(ctx, c, base, step.path)
		if err != nil {
			return err
		}
		if !contains(step.ok, status) {
			return fmt.Errorf("POST %s: status %d", step.path, status)
		}
	}
	logf("2010/11 started from 2009/10 and opened (%s)", period)
	return nil
}

// post sends an empty form as a browser on the same site would, and reads the answer.
func post(ctx context.Context, c *http.Client, base, path string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(url.Values{}.Encode()))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, err
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
