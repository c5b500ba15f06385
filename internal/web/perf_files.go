package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
	"safeboard/internal/store"
	"safeboard/templates"
)

// maxUploadBytes bounds the body of an upload of figures: the file's 10 MB
// and room for the multipart form around it.
const maxUploadBytes = perfio.MaxFileBytes + 64<<10

var figuresUploadPath = regexp.MustCompile(`^/periods/[^/]+/figures/import/?$`)

// isFiguresUpload reports whether r posts a file of figures (limitBody lets it be larger).
func isFiguresUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && figuresUploadPath.MatchString(r.URL.Path)
}

// mountPerformanceFiles adds the download of figures as CSV or XLSX and their
// upload: a page to choose the file, a preview that checks every figure, and
// "apply", which saves them all or none.
func (s *Server) mountPerformanceFiles(r chi.Router) {
	r.Get("/figures/export", s.exportFigures)
	r.Route("/figures/import", func(r chi.Router) {
		r.Use(s.require(ActionImportFigures))
		r.Get("/", s.figuresUploadPage)
		r.Post("/", s.uploadFigures)
		r.Get("/{import}", s.previewFigures)
		r.Post("/{import}/apply", s.applyFigures)
	})
}

// figuresAgency reads ?agency=slug; nil when absent.
func (s *Server) figuresAgency(r *http.Request) (*domain.Agency, error) {
	slug := strings.TrimSpace(r.URL.Query().Get("agency"))
	if slug == "" {
		return nil, nil
	}
	return s.store.AgencyBySlug(r.Context(), slug)
}

func (s *Server) exportFigures(w http.ResponseWriter, r *http.Request) {
	period, user := currentPeriod(r.Context()), currentUser(r.Context())
	agency, err := s.figuresAgency(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var agencyID int64 // 0: every agency, which only the board may download
	if agency != nil {
		agencyID = agency.ID
	}
	if !CanExportFigures(user, agencyID) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	format := perfio.Format(r.URL.Query().Get("format"))
	if format == "" {
		format = perfio.XLSX
	}
	if format != perfio.CSV && format != perfio.XLSX {
		s.renderStatus(w, r, http.StatusBadRequest)
		return
	}
	ex, err := perfio.LoadExport(r.Context(), s.store, *period, agency)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := ex.Write(&buf, format); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", format.ContentType())
	w.Header().Set("Content-Disposition", `attachment; filename="`+ex.Filename(format)+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = buf.WriteTo(w)
}

// figuresUploadView is the upload page for the user, for ?agency= or the lead's own.
func (s *Server) figuresUploadView(r *http.Request) (templates.FiguresUploadView, error) {
	period, user := currentPeriod(r.Context()), currentUser(r.Context())
	agency, err := s.figuresAgency(r)
	if err != nil {
		return templates.FiguresUploadView{}, err
	}
	if own, ok := LeadAgency(user); ok {
		if agency == nil {
			if agency, err = s.store.AgencyByID(r.Context(), own); err != nil {
				return templates.FiguresUploadView{}, err
			}
		} else if agency.ID != own {
			return templates.FiguresUploadView{}, domain.ErrForbidden
		}
	}
	base := "/periods/" + period.Slug + "/figures/"
	q := url.Values{}
	if agency != nil {
		q.Set("agency", agency.Slug)
	}
	link := func(format string) string {
		q := url.Values{"format": {format}}
		if agency != nil {
			q.Set("agency", agency.Slug)
		}
		return base + "export?" + q.Encode()
	}
	v := templates.FiguresUploadView{
		Period: period, Agency: agency, ExportCSV: link("csv"), ExportXLSX: link("xlsx"),
		Action: base + "import", CanImport: true,
	}
	if agency != nil {
		v.Action += "?" + q.Encode()
	}
	if user.Role != domain.RoleManager {
		ret, err := s.store.ReturnFor(r.Context(), period.ID, agency.ID)
		if err != nil {
			return v, err
		}
		if reason := figuresRefusal(user, agency, period, ret.Status); reason != "" {
			v.CanImport, v.Reason = false, reason
		}
	}
	return v, nil
}

// figuresRefusal says why user may not change the agency's figures for the
// period now, or "" when they may (CanEnterFigures).
func figuresRefusal(user *domain.User, agency *domain.Agency, period *domain.Period, status domain.ReturnStatus) string {
	if CanEnterFigures(user, agency.ID, status, period.IsOpen) {
		return ""
	}
	if !IsAgencyLead(user, agency.ID) {
		return fmt.Sprintf("These are %s's figures: you can import only your own agency's figures.", agency.Name)
	}
	if !period.IsOpen {
		return fmt.Sprintf("%s is closed, so its figures can no longer be changed. Ask the board manager if a figure is wrong.", period.Label)
	}
	return fmt.Sprintf("Your return for %s is %s, so its figures cannot be changed now. Ask the board manager to send it back if a figure is wrong.",
		period.Label, strings.ToLower(status.Title()))
}

func (s *Server) figuresUploadPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.figuresUploadView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderFiguresUpload(w, r, http.StatusOK, v)
}

func (s *Server) renderFiguresUpload(w http.ResponseWriter, r *http.Request, status int, v templates.FiguresUploadView) {
	p := s.page(r, "Import and export figures", "home")
	p.HasErrors = v.Error != ""
	if v.Agency != nil {
		p = p.WithBack("/periods/"+v.Period.Slug+"/returns/"+v.Agency.Slug+"/performance", "Back to "+v.Agency.Name+"'s performance data")
	} else {
		p = p.WithBack("/periods/"+v.Period.Slug, "Back to "+v.Period.Label)
	}
	s.render(w, r, status, templates.FiguresUploadPage(p, v))
}

// uploadFigures keeps an uploaded file and goes to its preview. A file that is
// too large or not CSV or XLSX is refused on the upload page.
func (s *Server) uploadFigures(w http.ResponseWriter, r *http.Request) {
	v, err := s.figuresUploadView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !v.CanImport {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	refuse := func(status int, msg string) {
		v.Error = msg
		s.renderFiguresUpload(w, r, status, v)
	}
	const tooBig = "The selected file must be smaller than 10 MB: split it into several files, such as one per indicator"
	if r.ContentLength > maxUploadBytes {
		w.Header().Set("Connection", "close")
		refuse(http.StatusRequestEntityTooLarge, tooBig)
		return
	}
	if err := r.ParseMultipartForm(maxUploadBytes); err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			refuse(http.StatusRequestEntityTooLarge, tooBig)
			return
		}
		refuse(http.StatusUnprocessableEntity, "Select a CSV file or an Excel workbook (.xlsx) to upload")
		return
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	file, header, err := r.FormFile("file")
	if err != nil {
		refuse(http.StatusUnprocessableEntity, "Select a CSV file or an Excel workbook (.xlsx) to upload")
		return
	}
	defer file.Close()
	content, err := io.ReadAll(io.LimitReader(file, perfio.MaxFileBytes+1))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	switch _, err := perfio.Detect(content); {
	case len(content) == 0:
		refuse(http.StatusUnprocessableEntity, "The selected file is empty")
		return
	case errors.Is(err, perfio.ErrTooBig):
		refuse(http.StatusRequestEntityTooLarge, tooBig)
		return
	case errors.Is(err, perfio.ErrNotUTF8):
		refuse(http.StatusUnprocessableEntity, "The selected file is not UTF-8 text: in Excel, save it as “CSV UTF-8 (Comma delimited)”, or upload the workbook (.xlsx)")
		return
	case err != nil:
		refuse(http.StatusUnprocessableEntity, "The selected file must be a CSV file or an Excel workbook (.xlsx)")
		return
	}
	name := path.Base(strings.ReplaceAll(header.Filename, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = "figures"
	}
	id, err := s.store.CreateImport(r.Context(), currentUser(r.Context()).ID, name, content)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	to := "/periods/" + v.Period.Slug + "/figures/import/" + strconv.FormatInt(id, 10)
	if r.Header.Get("X-Upload-Progress") != "" {
		// upload-progress.js sent it: it goes to the preview itself.
		w.Header().Set("X-Preview-Location", to)
		w.WriteHeader(http.StatusCreated)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// loadFigures finds the user's uploaded file and checks it.
func (s *Server) checkUpload(r *http.Request) (*store.ValueImport, *perfio.Plan, error) {
	id, err := idParam(r, "import")
	if err != nil {
		return nil, nil, err
	}
	user, period := currentUser(r.Context()), currentPeriod(r.Context())
	im, err := s.store.Import(r.Context(), id, user.ID)
	if err != nil {
		return nil, nil, err
	}
	var dbErr error
	permit := func(a *domain.Agency, p *domain.Period) string {
		if user.Role == domain.RoleManager {
			return ""
		}
		ret, err := s.store.ReturnFor(r.Context(), p.ID, a.ID)
		if err != nil {
			dbErr = err
			return "This figure could not be checked"
		}
		return figuresRefusal(user, a, p, ret.Status)
	}
	plan, err := perfio.Check(r.Context(), s.store, im.Content, perfio.Options{Period: period, Permit: permit})
	if err == nil {
		err = dbErr
	}
	if err != nil && !isFileError(err) {
		return nil, nil, err
	}
	if err != nil {
		plan = &perfio.Plan{Problems: []perfio.Problem{{Message: err.Error()}}}
	}
	return im, plan, nil
}

func isFileError(err error) bool {
	return errors.Is(err, perfio.ErrNotAFigureFile) || errors.Is(err, perfio.ErrNotUTF8) || errors.Is(err, perfio.ErrTooBig)
}

func (s *Server) previewFigures(w http.ResponseWriter, r *http.Request) {
	im, plan, err := s.checkUpload(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	status := http.StatusOK
	if !plan.OK() {
		status = http.StatusUnprocessableEntity
	}
	s.renderFiguresPreview(w, r, status, im, plan)
}

func (s *Server) applyFigures(w http.ResponseWriter, r *http.Request) {
	im, plan, err := s.checkUpload(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !plan.OK() {
		s.renderFiguresPreview(w, r, http.StatusUnprocessableEntity, im, plan)
		return
	}
	user, period := currentUser(r.Context()), currentPeriod(r.Context())
	var scope store.ValueScope
	if own, ok := LeadAgency(user); ok {
		scope.AgencyID = &own
	} else if user.Role != domain.RoleManager {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	n, err := s.store.ApplyImport(r.Context(), domain.UserActor(user), scope, im.ID, user.ID, plan.Cells())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	to := "/periods/" + period.Slug + "/figures/import"
	if ids := plan.AgencyIDs(); len(ids) == 1 {
		if a, err := s.store.AgencyByID(r.Context(), ids[0]); err == nil {
			to += "?agency=" + url.QueryEscape(a.Slug)
		}
	}
	s.flash(w, r, to, figuresApplied(n, im.Filename))
}

func figuresApplied(n int, filename string) string {
	switch n {
	case 0:
		return "No figures changed: " + filename + " gives the figures already saved"
	case 1:
		return "1 figure changed from " + filename
	}
	return strconv.Itoa(n) + " figures changed from " + filename
}

func (s *Server) renderFiguresPreview(w http.ResponseWriter, r *http.Request, status int, im *store.ValueImport, plan *perfio.Plan) {
	period := currentPeriod(r.Context())
	base := "/periods/" + period.Slug + "/figures/import"
	upload := base
	if ids := plan.AgencyIDs(); len(ids) == 1 {
		if a, err := s.store.AgencyByID(r.Context(), ids[0]); err == nil {
			upload += "?agency=" + url.QueryEscape(a.Slug)
		}
	}
	v := templates.FiguresPreviewView{
		Period: period, Filename: im.Filename, Format: "CSV", UploadAgain: upload,
		Counts:  [4]int{len(plan.New), len(plan.Changed), len(plan.Cleared), len(plan.Unchanged)},
		Summary: plan.Summary(),
	}
	if plan.Format == perfio.XLSX {
		v.Format = "Excel"
	}
	const maxProblems = 1000
	for i, p := range plan.Problems {
		if i == maxProblems {
			v.MoreProblem = len(plan.Problems) - maxProblems
			break
		}
		v.Problems = append(v.Problems, templates.FigureProblem{Where: p.Where, Message: p.Message})
	}
	if plan.OK() && plan.Changes() > 0 {
		v.Apply = base + "/" + strconv.FormatInt(im.ID, 10) + "/apply"
	}
	v.Tables = []templates.FigureChangeTable{
		figureTable("new-figures", "New figures", plan.New, false, true),
		figureTable("changed-figures", "Changed figures", plan.Changed, true, true),
		figureTable("cleared-figures", "Cleared figures", plan.Cleared, true, false),
		figureTable("unchanged-figures", "Unchanged figures", plan.Unchanged, false, true),
	}
	title := "Check the figures before you apply them"
	if !plan.OK() {
		title = "The file cannot be imported"
	}
	p := s.page(r, title, "home").WithBack(upload, "Back to import and export")
	p.HasErrors = !plan.OK()
	s.render(w, r, status, templates.FiguresPreviewPage(p, v))
}

func figureTable(id, title string, list []perfio.Change, showOld, showNew bool) templates.FigureChangeTable {
	t := templates.FigureChangeTable{ID: id, Title: title, Count: len(list), ShowOld: showOld, ShowNew: showNew}
	for i, c := range list {
		if i == templates.MaxPreviewRows {
			t.Caption = fmt.Sprintf("The first %d of %d are shown.", templates.MaxPreviewRows, len(list))
			break
		}
		t.Rows = append(t.Rows, templates.FigureChangeRow{
			Where: c.Where, Indicator: c.Indicator.Code, Agency: c.Agency.Name, Breakdown: c.Breakdown(),
			Date: c.Date, Old: c.OldText(), New: c.NewText(),
		})
	}
	return t
}
