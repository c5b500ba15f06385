package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"safeboard/internal/mail"
	"safeboard/internal/store"
	"safeboard/internal/web"
)

// shutdownGrace is how long in-flight requests get to finish on SIGTERM.
const shutdownGrace = 20 * time.Second

func serve(ctx context.Context, env environment, args []string) error {
	fs := env.flags("serve", "serve\n\nRuns the web server on SAFEBOARD_ADDR (default :8080), connecting as DATABASE_URL's role.\n"+
		"With SAFEBOARD_MIGRATE_DATABASE_URL (the schema owner's address) it first applies pending migrations as the owner;\n"+
		"without it, it refuses to start on a schema older than it needs and says what to run.\nLogs one JSON line per request to standard error.\nSAFEBOARD_LOADTEST_FLOOR=1 also serves GET /loadtest/floor, the load test's baseline (make loadtest).\nSAFEBOARD_SMTP_URL (with SAFEBOARD_MAIL_FROM, and SAFEBOARD_MAIL_REPLY_TO if wanted) sends the outbox's emails; without it they stay in the outbox (/admin/outbox).")
	if helped, err := parse(fs, args); helped || err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(env.stderr, nil))
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	if role, err := st.ConnectedRole(ctx); err != nil {
		return err
	} else if role.Superuser || role.Owner {
		log.Warn("the server's database role may do more than read and write rows: connect as "+store.ServingRole+
			" (or a member of it) in DATABASE_URL, and give the schema owner's address to migrations only (SAFEBOARD_MIGRATE_DATABASE_URL)",
			"role", role.Name, "superuser", role.Superuser, "owns_schema", role.Owner)
	}

	boardName := env.getenv("SAFEBOARD_BOARD_NAME")
	if boardName == "" {
		if boardName, err = st.BoardName(ctx); err != nil {
			return err
		}
	}
	baseURL, err := parseBaseURL(env.getenv("SAFEBOARD_BASE_URL"))
	if err != nil {
		return err
	}
	proxies, err := parseProxies(env.getenv("SAFEBOARD_TRUSTED_PROXIES"))
	if err != nil {
		return err
	}
	cfg := web.Config{
		BoardName:      boardName,
		BaseURL:        baseURL,
		TrustedProxies: proxies,
		SecureCookies:  !strings.EqualFold(env.getenv("SAFEBOARD_SECURE_COOKIES"), "false"),
		Floor:          env.getenv("SAFEBOARD_LOADTEST_FLOOR") == "1",
		MetricsToken:   env.getenv("SAFEBOARD_METRICS_TOKEN"),
	}
	addr := env.getenv("SAFEBOARD_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	sender, err := mailSender(ctx, env, st, baseURL, addr)
	if err != nil {
		return err
	}
	cfg.MailConfigured = sender != nil
	srv := &http.Server{
		Addr:              addr,
		Handler:           web.New(st, log, cfg).Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	if cfg.Floor {
		log.Warn("serving the load test's floor handler at /loadtest/floor (SAFEBOARD_LOADTEST_FLOOR=1)")
	}
	log.Info("listening", "addr", ln.Addr().String(), "base_url", env.getenv("SAFEBOARD_BASE_URL"), "secure_cookies", cfg.SecureCookies)

	go prune(ctx, st, log)
	// Sends the outbox's emails (when a mail server is set) and schedules the
	// deadline reminders, on every server: the outbox's claims and the
	// reminders' keys make several servers act as one.
	if sender == nil {
		log.Warn("no mail server is set (SAFEBOARD_SMTP_URL): emails stay in the outbox, at /admin/outbox")
	}
	go mail.Work(ctx, st, sender, log, mailInterval, scheduleInterval)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", shutdownGrace.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// How often each server sends what is due in the outbox, and schedules reminders.
const (
	mailInterval     = 10 * time.Second
	scheduleInterval = 15 * time.Minute
)

// mailSender is the sender of SAFEBOARD_SMTP_URL, or nil when it is not set.
// Links in the emails go to SAFEBOARD_BASE_URL, or to this server on
// localhost when that is not set.
func mailSender(ctx context.Context, env environment, st *store.Store, baseURL, addr string) (*mail.Sender, error) {
	smtpURL := env.getenv("SAFEBOARD_SMTP_URL")
	if smtpURL == "" {
		return nil, nil
	}
	if baseURL == "" {
		_, port, _ := net.SplitHostPort(addr)
		baseURL = "http://localhost:" + port
	}
	secret, err := st.MailSecret(ctx)
	if err != nil {
		return nil, err
	}
	return mail.NewSender(mail.Config{SMTPURL: smtpURL, From: env.getenv("SAFEBOARD_MAIL_FROM"),
		ReplyTo: env.getenv("SAFEBOARD_MAIL_REPLY_TO"), BaseURL: baseURL}, secret)
}

// parseBaseURL checks SAFEBOARD_BASE_URL is an origin such as https://safeboard.example.org.
func parseBaseURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return "", fmt.Errorf("SAFEBOARD_BASE_URL must be an address like https://safeboard.example.org, not %q", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// parseProxies reads SAFEBOARD_TRUSTED_PROXIES: address prefixes separated by commas, such as 10.0.0.0/8,127.0.0.1/32.
func parseProxies(raw string) ([]string, error) {
	var prefixes []string
	for _, p := range strings.Split(raw, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if _, err := netip.ParsePrefix(p); err != nil {
			return nil, fmt.Errorf("SAFEBOARD_TRUSTED_PROXIES: %q is not an address prefix like 10.0.0.0/8 or 127.0.0.1/32", p)
		}
		prefixes = append(prefixes, p)
	}
	return prefixes, nil
}

// prune deletes old failed sign-ins and expired sessions now and then, so
// both tables stay small even for emails nobody tries again and browsers that
// never come back.
func prune(ctx context.Context, st *store.Store, log *slog.Logger) {
	tick := time.NewTicker(10 * time.Minute)
	defer tick.Stop()
	for {
		if err := st.PruneFailedSignIns(ctx, web.SignInWindow); err != nil && ctx.Err() == nil {
			log.Warn("prune failed sign-ins", "error", err)
		}
		if err := st.PruneSessions(ctx); err != nil && ctx.Err() == nil {
			log.Warn("prune sessions", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
