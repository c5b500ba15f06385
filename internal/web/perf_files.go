package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"safeboard/internal/domain"
	"safeboard/internal/perfio"
	"safeboard/internal/store"
	"safeboard/templates"
)

// maxUploadBytes bounds the body of an upload of figures: the file's 10 MB
// and room for the multipart form around it.
const maxUploadBytes = perfio.MaxFileBytes + 64<<10

// uploadMemory is how much of an uploaded file the form keeps in memory; the
// rest goes to a temporary file, so a 10 MB upload is read into memory once,
// at its size, rather than also grown in the form's buffer.
const uploadMemory = 1 << 20

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
	r.Route("/figures/imports", func(r chi.Router) {
		r.Use(s.require(ActionImportFigures))
		r.Get("/", s.figuresImports)
		r.Post("/{import}/undo", s.undoImport)
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
		Action: base + "import", CanImport: true, ImportsPath: figuresImportsPath(period),
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
		return fmt.Sprintf("These are %s figures: you can import only your own agency's figures.", domain.Possessive(agency.Name))
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

// The uploads of figures one server reads and checks at once, and how long
// another waits for its turn before it is refused with 503. Reading and
// checking the largest lawful file takes about a second and tens of
// megabytes; two at once keep a two-core server answering everyone else.
const (
	DefaultFileChecks    = 2
	DefaultFileCheckWait = 5 * time.Second
	// fileCheckRetry is the Retry-After of a refused upload, in seconds.
	fileCheckRetry = 30
)

// uploadFigures reads and checks an uploaded file once, keeps what its
// preview shows and the cells it would change (with the version of each),
// and goes to the preview. A file that is too large or not CSV or XLSX is
// refused on the upload page; so is any upload while the server is checking
// as many files as it may (503, with Retry-After).
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
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
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
	if header.Size > perfio.MaxFileBytes {
		refuse(http.StatusRequestEntityTooLarge, tooBig)
		return
	}
	content := make([]byte, header.Size)
	if _, err := io.ReadFull(file, content); err != nil {
		s.serverError(w, r, err)
		return
	}
	format, err := perfio.Detect(content)
	switch {
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
	if !s.takeFileCheck(r) {
		if r.Context().Err() != nil {
			return
		}
		w.Header().Set("Retry-After", strconv.Itoa(fileCheckRetry))
		refuse(http.StatusServiceUnavailable, "Too many files are being checked just now: wait a minute, then upload "+name+" again. It has not been kept")
		return
	}
	id, err := s.checkAndKeep(r, name, format, content)
	<-s.cfg.FileChecks
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

// takeFileCheck waits for one of the server's slots for checking a file,
// for at most FileCheckWait; the caller gives it back.
func (s *Server) takeFileCheck(r *http.Request) bool {
	select {
	case s.cfg.FileChecks <- struct{}{}:
		return true
	default:
	}
	wait := time.NewTimer(s.cfg.FileCheckWait)
	defer wait.Stop()
	select {
	case s.cfg.FileChecks <- struct{}{}:
		return true
	case <-wait.C:
		return false
	case <-r.Context().Done():
		return false
	}
}

// checkedFile is what the preview of an upload shows, kept with it as JSON so
// that neither the preview nor "apply" reads the file again.
type checkedFile struct {
	Format       string
	Counts       [4]int // new, changed, cleared, unchanged
	Summary      []string
	Problems     []templates.FigureProblem // the first maxProblems
	MoreProblems int
	Tables       []templates.FigureChangeTable
}

// maxProblems bounds the problems a preview lists.
const maxProblems = 1000

// checkAndKeep reads and checks an uploaded file for the user and the
// period, and keeps its preview and the cells it would change.
func (s *Server) checkAndKeep(r *http.Request, name string, format perfio.Format, content []byte) (int64, error) {
	ctx := r.Context()
	user, period := currentUser(ctx), currentPeriod(ctx)
	var dbErr error
	permit := func(a *domain.Agency, p *domain.Period) string {
		if user.Role == domain.RoleManager {
			return ""
		}
		ret, err := s.store.ReturnFor(ctx, p.ID, a.ID)
		if err != nil {
			dbErr = err
			return "This figure could not be checked"
		}
		return figuresRefusal(user, a, p, ret.Status)
	}
	plan, err := perfio.Check(ctx, s.store, content, perfio.Options{Period: period, Permit: permit})
	if err == nil {
		err = dbErr
	}
	if err != nil && !isFileError(err) {
		return 0, err
	}
	if err != nil {
		plan = &perfio.Plan{Format: format, Problems: []perfio.Problem{{Message: err.Error()}}}
	}
	cf := checkedFile{
		Format:  "CSV",
		Counts:  [4]int{len(plan.New), len(plan.Changed), len(plan.Cleared), len(plan.Unchanged)},
		Summary: plan.Summary(),
		Tables: []templates.FigureChangeTable{
			figureTable("new-figures", "New figures", plan.New, false, true),
			figureTable("changed-figures", "Changed figures", plan.Changed, true, true),
			figureTable("cleared-figures", "Cleared figures", plan.Cleared, true, false),
			figureTable("unchanged-figures", "Unchanged figures", plan.Unchanged, false, true),
		},
	}
	if plan.Format == perfio.XLSX {
		cf.Format = "Excel"
	}
	for i, p := range plan.Problems {
		if i == maxProblems {
			cf.MoreProblems = len(plan.Problems) - maxProblems
			break
		}
		cf.Problems = append(cf.Problems, templates.FigureProblem{Where: p.Where, Message: p.Message})
	}
	preview, err := json.Marshal(cf)
	if err != nil {
		return 0, err
	}
	im := store.NewImport{UserID: user.ID, PeriodID: period.ID, Filename: name, Format: string(format),
		Preview: preview, Problems: len(plan.Problems)}
	if plan.OK() {
		im.Writes = plan.Writes()
		im.AgencyIDs = changedAgencies(plan)
	}
	return s.store.CreateImport(ctx, im)
}

// changedAgencies lists the agencies whose figures a plan changes.
func changedAgencies(plan *perfio.Plan) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, list := range [][]perfio.Change{plan.New, plan.Changed, plan.Cleared} {
		for _, c := range list {
			if !seen[c.Agency.ID] {
				seen[c.Agency.ID] = true
				out = append(out, c.Agency.ID)
			}
		}
	}
	slices.Sort(out)
	return out
}

// upload finds the user's upload waiting to be applied, for this period, and what its preview shows.
func (s *Server) upload(r *http.Request) (*store.ValueImport, *checkedFile, error) {
	id, err := idParam(r, "import")
	if err != nil {
		return nil, nil, err
	}
	user, period := currentUser(r.Context()), currentPeriod(r.Context())
	im, err := s.store.Import(r.Context(), id, user.ID)
	if err != nil {
		return nil, nil, err
	}
	if im.PeriodID != period.ID {
		return nil, nil, domain.ErrNotFound
	}
	var cf checkedFile
	if err := json.Unmarshal(im.Preview, &cf); err != nil {
		return nil, nil, fmt.Errorf("preview of import %d: %w", im.ID, err)
	}
	return im, &cf, nil
}

func isFileError(err error) bool {
	return errors.Is(err, perfio.ErrNotAFigureFile) || errors.Is(err, perfio.ErrNotUTF8) || errors.Is(err, perfio.ErrTooBig)
}

func (s *Server) previewFigures(w http.ResponseWriter, r *http.Request) {
	im, cf, err := s.upload(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	status := http.StatusOK
	if len(cf.Problems) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.renderFiguresPreview(w, r, status, im, cf, nil)
}

// applyFigures saves the figures of a checked upload, all or none. It is
// refused if the user may no longer change them, and, naming them, if any has
// been saved since the file was checked.
func (s *Server) applyFigures(w http.ResponseWriter, r *http.Request) {
	im, cf, err := s.upload(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if len(cf.Problems) > 0 {
		s.renderFiguresPreview(w, r, http.StatusUnprocessableEntity, im, cf, nil)
		return
	}
	user, period := currentUser(r.Context()), currentPeriod(r.Context())
	// The return may have been submitted, or the period closed, since the check.
	refusals, err := s.figuresRefusals(r, im.AgencyIDs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(refusals) > 0 {
		for _, msg := range refusals {
			cf.Problems = append(cf.Problems, templates.FigureProblem{Message: msg})
		}
		s.renderFiguresPreview(w, r, http.StatusUnprocessableEntity, im, cf, nil)
		return
	}
	var scope store.ValueScope
	if own, ok := LeadAgency(user); ok {
		scope.AgencyID = &own
	} else if user.Role != domain.RoleManager {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	n, err := s.store.ApplyImport(r.Context(), domain.UserActor(user), scope, im.ID, user.ID)
	var changed *domain.FiguresChangedError
	if errors.As(err, &changed) {
		s.renderFiguresPreview(w, r, http.StatusConflict, im, cf, changed)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, s.uploadPagePath(r, period, im.AgencyIDs), figuresApplied(n, im.Filename))
}

// figuresRefusals says why the user may not now change the figures of each of
// the agencies in the period, if they may not.
func (s *Server) figuresRefusals(r *http.Request, agencyIDs []int64) ([]string, error) {
	user, period := currentUser(r.Context()), currentPeriod(r.Context())
	if user.Role == domain.RoleManager {
		return nil, nil
	}
	var out []string
	for _, id := range agencyIDs {
		a, err := s.store.AgencyByID(r.Context(), id)
		if err != nil {
			return nil, err
		}
		ret, err := s.store.ReturnFor(r.Context(), period.ID, id)
		if err != nil {
			return nil, err
		}
		if msg := figuresRefusal(user, a, period, ret.Status); msg != "" {
			out = append(out, msg)
		}
	}
	return out, nil
}

// uploadPagePath is the import page, for the one agency whose figures an
// import changes, or for the user's own.
func (s *Server) uploadPagePath(r *http.Request, period *domain.Period, agencyIDs []int64) string {
	to := "/periods/" + period.Slug + "/figures/import"
	if len(agencyIDs) == 1 {
		if a, err := s.store.AgencyByID(r.Context(), agencyIDs[0]); err == nil {
			to += "?agency=" + url.QueryEscape(a.Slug)
		}
	}
	return to
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

// renderFiguresPreview shows a checked upload: what it would change, its
// problems, or the figures saved since it was checked (changed, not nil).
func (s *Server) renderFiguresPreview(w http.ResponseWriter, r *http.Request, status int, im *store.ValueImport, cf *checkedFile, changed *domain.FiguresChangedError) {
	period := currentPeriod(r.Context())
	base := "/periods/" + period.Slug + "/figures/import"
	upload := s.uploadPagePath(r, period, im.AgencyIDs)
	v := templates.FiguresPreviewView{
		Period: period, Filename: im.Filename, Format: cf.Format, UploadAgain: upload,
		Counts: cf.Counts, Summary: cf.Summary, Problems: cf.Problems, MoreProblem: cf.MoreProblems, Tables: cf.Tables,
	}
	if changed != nil {
		v.Changed, v.MoreChanged = changedFigureRows(changed)
	} else if len(cf.Problems) == 0 && im.Changes > 0 {
		v.Apply = base + "/" + strconv.FormatInt(im.ID, 10) + "/apply"
	}
	title := "Check the figures before you apply them"
	switch {
	case changed != nil:
		title = "Figures have changed since the file was checked"
	case len(cf.Problems) > 0:
		title = "The file cannot be imported"
	}
	p := s.page(r, title, "home").WithBack(upload, "Back to import and export")
	p.HasErrors = len(cf.Problems) > 0 || changed != nil
	s.render(w, r, status, templates.FiguresPreviewPage(p, v))
}

// changedFigureRows lists the figures saved since they were read, for a page.
func changedFigureRows(e *domain.FiguresChangedError) ([]templates.ChangedFigureRow, int) {
	rows := make([]templates.ChangedFigureRow, 0, len(e.Figures))
	for _, f := range e.Figures {
		rows = append(rows, templates.ChangedFigureRow{
			Indicator: f.Indicator, Date: f.Date, Breakdown: strings.Join(f.Options, " / "), By: f.By, At: f.At})
	}
	return rows, e.Count - len(e.Figures)
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
