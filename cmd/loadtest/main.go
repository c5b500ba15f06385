// Command loadtest is Safeboard's load benchmark (make loadtest). It starts
// `safeboard serve` on a free loopback port over a database holding the demo
// board, signs in one session per virtual user, drives them at every kind of
// page and at the floor handler (/loadtest/floor: one SELECT 1) for a fixed time,
// then prints requests per second, p50 and p99 latency and errors per page,
// each beside the floor. It stops the server it started.
//
// Usage (DATABASE_URL must point at a database it may load the demo board into):
//
//	loadtest [-c 50] [-d 30s] [-warmup 3s] [-pages /,/admin/agencies,...] [-bin bin/safeboard]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// defaultPages are every kind of page: the home page, the manager's lists, the
// returns overview, one return, one indicator's grid of figures (broken down by
// cause), the report's sections built from returns, its performance section,
// the whole report, the dashboard, one indicator's page, the imports of figures,
// the challenge log and one challenge; and the pages of the year-round cycle,
// once 2010/11 is started from 2009/10 (startNextYear): starting it, a return
// that looks back on last year's objectives and the list of them, the board's
// business plan that looks back on its own, the aims with their objectives,
// and sending a return back; the outbox, one's choice of emails and the page
// of an email's unsubscribe link.
var defaultPages = []string{
	"/",
	"/admin/agencies",
	"/admin/users",
	"/admin/periods",
	"/admin/indicators",
	"/periods/2009-10/returns",
	"/periods/2009-10/returns/kent-police",
	"/periods/2009-10/returns/medway-childrens-services/performance/CPC-CAUSE",
	"/periods/2009-10/report/partner-reviews",
	"/periods/2009-10/report/objectives",
	"/periods/2009-10/report/performance",
	"/periods/2009-10/report/performance/outline",
	"/periods/2009-10/report",
	"/periods/2009-10/dashboard",
	"/periods/2009-10/indicators/CPP",
	"/periods/2009-10/figures/imports",
	"/periods/2009-10/challenges",
	"/periods/2009-10/challenges/1",
	"/admin/periods/3/start", // the demo's 2010/11
	"/periods/2010-11/returns/kent-police",
	"/periods/2010-11/returns/kent-police/last-year",
	"/periods/2010-11/report/board/plan",
	"/periods/2010-11/report/board/aims",
	"/periods/2009-10/returns/cafcass/send-back",
	"/admin/outbox",
	"/account/notifications",
	// and an email's unsubscribe link, whose address is made once the demo is loaded (unsubscribePage).
}

// floorPath is the floor handler, served when SAFEBOARD_LOADTEST_FLOOR=1.
const floorPath = "/loadtest/floor"

// config is what the flags and the environment ask for.
type config struct {
	users    int
	duration time.Duration
	warmup   time.Duration
	pages    []string
	bin      string
	dbURL    string
	password string
	// defaultPages is true when -pages was not given: the unsubscribe link's page is added.
	defaultPages bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	cfg, err := parseConfig(args, getenv, stderr)
	if err != nil {
		return err
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "loadtest: "+format+"\n", a...) }

	accounts, err := loadDemo(ctx, cfg)
	if err != nil {
		return err
	}
	logf("demo board loaded: %d accounts", len(accounts))

	srv, err := startServer(ctx, cfg, logf)
	if err != nil {
		return err
	}
	defer func() {
		srv.stop(logf)
		if err == nil {
			_ = os.Remove(srv.logPath) // kept only when something went wrong
		}
	}()

	if err := startNextYear(ctx, srv.base, cfg, logf); err != nil {
		return err
	}
	if cfg.defaultPages {
		unsubscribe, err := unsubscribePage(ctx, cfg)
		if err != nil {
			return err
		}
		cfg.pages = append(cfg.pages, unsubscribe)
	}
	plan, err := planTargets(ctx, srv.base, cfg, accounts, logf)
	if err != nil {
		return err
	}
	users, err := signInUsers(ctx, srv.base, cfg, plan)
	if err != nil {
		return err
	}
	logf("%d users signed in; warming up for %s, then measuring for %s", len(users), cfg.warmup, cfg.duration)
	results := drive(ctx, srv.base, users, cfg.warmup, cfg.duration)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %w", ctx.Err())
	}
	printReport(stdout, cfg, plan, results)
	return nil
}

func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	users := fs.Int("c", 50, "concurrent signed-in users")
	duration := fs.Duration("d", 30*time.Second, "how long to measure")
	warmup := fs.Duration("warmup", 3*time.Second, "how long to run before measuring")
	pages := fs.String("pages", strings.Join(defaultPages, ","), "comma-separated paths to request (the floor is always added)")
	bin := fs.String("bin", "bin/safeboard", "the safeboard binary to serve with")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: loadtest [flags]\n\nStarts safeboard serve on the demo board in DATABASE_URL, on a free 127.0.0.1 port,\n"+
			"drives signed-in users at the pages and at %s, prints a table and stops the server.\n\n", floorPath)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	cfg := config{users: *users, duration: *duration, warmup: *warmup, bin: *bin, dbURL: getenv("DATABASE_URL"), password: getenv("SAFEBOARD_DEMO_PASSWORD"),
		defaultPages: *pages == strings.Join(defaultPages, ",")}
	if cfg.password == "" {
		cfg.password = "safeguarding-demo"
	}
	for _, p := range strings.Split(*pages, ",") {
		if p = strings.TrimSpace(p); p != "" {
			if !strings.HasPrefix(p, "/") {
				return config{}, fmt.Errorf("-pages: %q is not a path on the server", p)
			}
			cfg.pages = append(cfg.pages, p)
		}
	}
	switch {
	case cfg.dbURL == "":
		return config{}, errors.New("DATABASE_URL is not set: run 'make loadtest', which finds PostgreSQL and uses database safeboard_loadtest")
	case cfg.users < 1:
		return config{}, errors.New("-c must be at least 1")
	case cfg.duration <= 0 || cfg.warmup < 0:
		return config{}, errors.New("-d must be positive and -warmup not negative")
	case len(cfg.pages) == 0:
		return config{}, errors.New("-pages names no page")
	}
	return cfg, nil
}
