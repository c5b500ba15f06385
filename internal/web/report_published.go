package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"safeboard/internal/domain"
	"safeboard/templates"
)

// publishedBase is the address of a period's published versions.
func publishedBase(p *domain.Period) string { return "/periods/" + p.Slug + "/published" }

// publishedList lists a period's published versions, with a way back to the
// draft for those who may read it.
func (s *Server) publishedList(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	list, err := s.store.PublishedReports(r.Context(), period.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	user := currentUser(r.Context())
	v := templates.PublishedView{Period: *period, Versions: list, Base: publishedBase(period)}
	if Can(user, ActionPublishReport) {
		v.ReadinessPath = reportBase(period) + "/readiness"
	}
	p := s.page(r, "Published annual reports", "")
	if Can(user, ActionReadReport) {
		v.DraftPDFPath = reportBase(period) + "/pdf"
		p = p.WithBack(reportBase(period), "Back to the report")
	} else {
		p = p.WithBack("/", "Back to your home page")
	}
	s.render(w, r, http.StatusOK, templates.PublishedPage(p, v))
}

// publishedCSP lets a published HTML version's own inline CSS and data-URL
// images work, and nothing else: no scripts, no requests.
const publishedCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"

// publishedFile serves one version's HTML or PDF exactly as stored, such as 1.html or 2.pdf.
func (s *Server) publishedFile(w http.ResponseWriter, r *http.Request) {
	period := currentPeriod(r.Context())
	name := chi.URLParam(r, "file")
	num, kind, ok := strings.Cut(name, ".")
	version, err := strconv.Atoi(num)
	if !ok || err != nil || version < 1 || (kind != "html" && kind != "pdf") {
		s.renderStatus(w, r, http.StatusNotFound)
		return
	}
	content, sha, err := s.store.PublishedFile(r.Context(), period.ID, version, kind)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// A published file is served only as intact: bytes changed behind the
	// application's back (the trigger that freezes them worked round) are
	// logged and refused, and the versions page marks the version damaged.
	if sum := sha256.Sum256(content); hex.EncodeToString(sum[:]) != sha {
		s.log.Error("published file does not match its SHA-256", "request_id", middleware.GetReqID(r.Context()),
			"period", period.Slug, "version", version, "kind", kind, "recorded", sha, "served", hex.EncodeToString(sum[:]))
		s.renderStatus(w, r, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	if sum, err := hex.DecodeString(sha); err == nil {
		h.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
	}
	h.Set("Content-Length", strconv.Itoa(len(content)))
	if kind == "html" {
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", publishedCSP)
		h.Set("Content-Disposition", `inline; filename="`+strings.TrimSuffix(pdfName(period, version), ".pdf")+`.html"`)
	} else {
		h.Set("Content-Type", "application/pdf")
		h.Set("Content-Disposition", `attachment; filename="`+pdfName(period, version)+`"`)
	}
	_, _ = w.Write(content)
}
