// Package web is Safeboard's HTTP layer: the chi router, middleware, the
// authorisation policy and one handler per action.
package web

import (
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
	assets "safeboard/web"
)

// Config is how the server is set up.
type Config struct {
	BoardName     string // shown in the service navigation
	SecureCookies bool   // false only for plain-http local use
	// BaseURL is the address people use, such as https://safeboard.example.org (an origin: no path).
	BaseURL string
	// TrustedProxies are the address prefixes of the proxies in front of the server,
	// such as 10.0.0.0/8; empty when clients connect directly.
	TrustedProxies []string
	// Floor serves GET /loadtest/floor, the load test's baseline (SAFEBOARD_LOADTEST_FLOOR=1).
	Floor bool
	// FileChecks holds a slot for each uploaded file of figures the server
	// may read and check at once; nil for DefaultFileChecks. An upload that
	// finds none free waits up to FileCheckWait (DefaultFileCheckWait when 0),
	// then gets 503.
	FileChecks    chan struct{}
	FileCheckWait time.Duration
	// MetricsToken is the bearer token GET /metrics asks for
	// (SAFEBOARD_METRICS_TOKEN); without one, /metrics answers 404.
	MetricsToken string
	// MailConfigured is true when a mail server is set (SAFEBOARD_SMTP_URL):
	// without one, emails stay in the outbox, and /admin/outbox says so.
	MailConfigured bool
}

// SignInWindow is how far back failed sign-ins count.
const SignInWindow = signInWindow

// signInWindow is how far back failed sign-ins count.
const signInWindow = 15 * time.Minute

// signInLimits are the throttles on failed sign-ins (domain.SignInLimits),
// counted in PostgreSQL and so shared by every app server: 5 for one email
// from one address, 20 from one address, and past 5 for one email from
// anywhere, a delay doubling from a second up to two minutes.
var signInLimits = domain.SignInLimits{Window: signInWindow, PerPair: 5, PerAddress: 20, SlowAfter: 5, MaxDelay: 2 * time.Minute}

// Server handles every HTTP request.
type Server struct {
	store    *store.Store
	log      *slog.Logger
	cfg      Config
	metrics  *metrics
	gatherer prometheus.Gatherer
	router   chi.Router
	// reports keeps the whole report per data version and kind of reader (report_cache.go).
	reports versioned[reportReader, templates.ReportDocView]
	// periods and agencies keep what addresses name, by slug (lookups.go).
	periods  versioned[string, domain.Period]
	agencies versioned[string, domain.Agency]
	// figures keeps each period's figures as references quote them (figure_refs.go).
	figures versioned[perfKey, map[string]domain.RefFigures]
	// perfs keeps each period's figures with their breakdowns, as section 4 reads them (perf_cache.go).
	perfs versioned[perfKey, *store.Performance]
	// glances keeps what the home page reads of each open period (home_glance.go).
	glances versioned[int64, glanceData]
	// secret signs the emails' unsubscribe links; read once (email.go).
	secretMu sync.Mutex
	secret   []byte
	// pdfWaiting holds a place for each request for a draft PDF waiting on this server (report_pdf.go).
	pdfWaiting chan struct{}
}

// New builds the server and its routes.
func New(st *store.Store, log *slog.Logger, cfg Config) *Server {
	if cfg.FileChecks == nil {
		cfg.FileChecks = make(chan struct{}, DefaultFileChecks)
	}
	if cfg.FileCheckWait == 0 {
		cfg.FileCheckWait = DefaultFileCheckWait
	}
	reg := prometheus.NewRegistry()
	s := &Server{
		store:      st,
		log:        log,
		cfg:        cfg,
		metrics:    newMetrics(reg, st.Pool()),
		gatherer:   reg,
		pdfWaiting: make(chan struct{}, pdfWaiters),
	}
	s.router = s.routes()
	return s
}

// Handler is the whole application.
func (s *Server) Handler() http.Handler { return s.router }

// Router exposes the routes so tests can walk them.
func (s *Server) Router() chi.Router { return s.router }

// PublicRoutes are the only routes anonymous users may reach; a test holds every other route to this list.
var PublicRoutes = map[string]bool{
	"GET /healthz":       true,
	"GET /readyz":        true,
	"GET /metrics":       true, // with the bearer token of Config.MetricsToken
	"GET /static/*":      true,
	"GET /favicon.ico":   true,
	"GET /login":         true,
	"POST /login":        true,
	"POST /logout":       true,
	"GET /accessibility": true,
	// An email's unsubscribe link: signed, for its user and kind (email.go).
	"GET /unsubscribe/{token}":  true,
	"POST /unsubscribe/{token}": true,
	// Only routed when Config.Floor is set, for the load test (cmd/loadtest).
	"GET /loadtest/floor": true,
}

func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	// The client's address: the connection's, or behind trusted proxies the last
	// untrusted hop of X-Forwarded-For (the sign-in limit per address needs the real client).
	clientIP := middleware.ClientIPFromRemoteAddr
	if len(s.cfg.TrustedProxies) > 0 {
		clientIP = middleware.ClientIPFromXFF(s.cfg.TrustedProxies...)
	}
	r.Use(middleware.RequestID, s.observe, s.recoverPanics, securityHeaders(s.cfg.SecureCookies), clientIP, limitBody, middleware.GetHead)
	// Refuses cross-site POST, PUT, PATCH and DELETE with 403, using the browser's Sec-Fetch-Site and Origin headers.
	cop := http.NewCrossOriginProtection()
	if s.cfg.BaseURL != "" {
		// Lets older browsers that send Origin but not Sec-Fetch-Site post through a proxy that rewrites Host.
		// serve checks the address before the server starts, so the error cannot happen here.
		_ = cop.AddTrustedOrigin(s.cfg.BaseURL)
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderStatus(w, r, http.StatusForbidden)
	}))
	r.Use(cop.Handler)

	r.Get("/healthz", s.healthz)
	if s.cfg.Floor {
		r.Get("/loadtest/floor", s.floor)
	}
	r.Get("/readyz", s.readyz)
	r.Method(http.MethodGet, "/metrics", s.requireMetricsToken(promhttp.HandlerFor(s.gatherer, promhttp.HandlerOpts{})))
	r.Method(http.MethodGet, "/static/*", staticFiles())
	r.Get("/favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, assets.URL("safeboard-icon.svg"), http.StatusMovedPermanently)
	})

	r.Group(func(r chi.Router) {
		// The session, its user and the data version, in one query (session.go).
		r.Use(s.loadSession)
		r.NotFound(func(w http.ResponseWriter, r *http.Request) { s.renderStatus(w, r, http.StatusNotFound) })
		r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
			s.renderStatus(w, r, http.StatusMethodNotAllowed)
		})

		r.Get("/login", s.signInForm)
		r.Post("/login", s.signIn)
		r.Post("/logout", s.signOut)
		r.Get("/accessibility", s.accessibility)

		r.With(s.require(ActionViewHome)).Get("/", s.home)
		// Each user's choice of emails, and the emails' unsubscribe links (email.go).
		s.mountEmail(r)

		r.Route("/periods/{period}", func(r chi.Router) {
			r.Use(s.require(ActionViewHome), s.loadPeriod)
			r.Get("/", s.periodHome)
			r.With(s.require(ActionViewReturnsOverview)).Get("/returns", s.returnsOverview)
			r.With(s.require(ActionChaseReturns)).Post("/returns/chase", s.chaseOverdue)
			r.Route("/returns/{agency}", func(r chi.Router) {
				r.Use(s.loadReturn)
				// A comment refuses those who may not see the return itself, keeping
				// the text of one who could when they began writing (addComment).
				r.Post("/comments", s.addComment)
				r.Group(func(r chi.Router) {
					r.Use(s.mustSeeReturn)
					// The return's page, the lead's tasks, check and submit, and
					// the board's review of the return (return_workflow.go).
					agencyReturn.mount(s, r)
					// The agency's performance figures (perf_entry.go).
					s.mountPerformanceEntry(r)
				})
			})
			r.Route("/report", func(r chi.Router) {
				r.Use(s.require(ActionReadReport))
				r.Get("/partner-reviews", s.partnerReviews)
				r.Get("/objectives", s.objectivesSection)
				// Seed section 4 (perf_report.go).
				s.mountPerformanceReport(r)
				// The whole report, the board's sections and the outline (report_board.go).
				s.mountReportBoard(r)
				// The readiness check, publishing, the PDF page and the data appendix (report_publish.go).
				s.mountReportPublish(r)
			})
			// The report's PDF and the published versions, for every role (report_publish.go).
			s.mountPublished(r)
			// Figures in and out as CSV and XLSX files (perf_files.go).
			s.mountPerformanceFiles(r)
			// The chair's dashboard and indicator pages (dashboard.go).
			s.mountDashboard(r)
			// The chair's challenge log (challenges.go).
			s.mountChallenges(r)
		})

		r.Route("/admin", func(r chi.Router) {
			r.Use(s.require(ActionAdminister))
			r.Get("/", s.adminIndex)
			r.Route("/agencies", func(r chi.Router) {
				r.Get("/", s.listAgencies)
				r.Get("/new", s.newAgencyForm)
				r.Post("/", s.createAgency)
				r.Get("/{agencyID}/edit", s.editAgencyForm)
				r.Post("/{agencyID}", s.updateAgency)
			})
			r.Route("/users", func(r chi.Router) {
				r.Get("/", s.listUsers)
				r.Get("/new", s.newUserForm)
				r.Post("/", s.createUser)
				r.Get("/{userID}/edit", s.editUserForm)
				r.Post("/{userID}", s.updateUser)
				r.Get("/{userID}/password", s.passwordForm)
				r.Post("/{userID}/password", s.setPassword)
				r.Post("/{userID}/disable", s.disableUser)
				r.Post("/{userID}/enable", s.enableUser)
			})
			r.Route("/periods", func(r chi.Router) {
				r.Get("/", s.listPeriods)
				r.Get("/new", s.newPeriodForm)
				r.Post("/", s.createPeriod)
				r.Get("/{periodID}/edit", s.editPeriodForm)
				r.Post("/{periodID}", s.updatePeriod)
				r.Post("/{periodID}/open", s.openPeriod)
				r.Post("/{periodID}/close", s.closePeriod)
				// Starting a year from the one before it (admin_period_start.go).
				r.Get("/{periodID}/start", s.startYearPage)
				r.Post("/{periodID}/start", s.startYear)
			})
			// Indicators, dimensions, targets, comparators, commentary (admin_indicators.go).
			s.mountAdminIndicators(r)
			// Every email queued or sent (email.go).
			s.mountOutbox(r)
		})
	})
	return r
}

// floor is the load test's baseline: one SELECT 1 and a few bytes, through
// the middleware every route shares (request id, metrics and logging, panic
// recovery, security headers, client address, body limit, HEAD, cross-origin
// protection) but not the pages' session and user loading, and without a
// template or a query that reads data.
func (s *Server) floor(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Floor(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("floor\n"))
}

// staticFiles serves the embedded assets; versioned addresses are cached for a year.
func staticFiles() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(assets.Static()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("v") == assets.Version() {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=3600")
		}
		files.ServeHTTP(w, r)
	})
}

// clientAddress is the client's address (read from X-Forwarded-For behind a
// trusted proxy), an IPv6 address cut to its /64, for the sign-in limits.
func clientAddress(r *http.Request) string {
	return httprate.CanonicalizeIP(middleware.GetClientIP(r.Context()))
}
