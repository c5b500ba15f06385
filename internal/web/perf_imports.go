package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// figuresImportsPath lists the imports applied to a period's figures.
func figuresImportsPath(period *domain.Period) string {
	return "/periods/" + period.Slug + "/figures/imports"
}

// undoRefusal is why an undo was refused, shown on the imports page.
type undoRefusal struct {
	message, target string
	changed         *domain.FiguresChangedError
}

// figuresImports lists the files of figures applied to the period: a lead's
// agency's, or every agency's for the manager.
func (s *Server) figuresImports(w http.ResponseWriter, r *http.Request) {
	s.renderImports(w, r, http.StatusOK, undoRefusal{})
}

func (s *Server) renderImports(w http.ResponseWriter, r *http.Request, status int, refused undoRefusal) {
	ctx := r.Context()
	user, period := currentUser(ctx), currentPeriod(ctx)
	v := templates.FiguresImportsView{Period: period, Whose: "every agency's figures", ImportPath: "/periods/" + period.Slug + "/figures/import",
		Error: refused.message, ErrorTarget: refused.target}
	if refused.changed != nil {
		v.Changed, v.MoreChanged = changedFigureRows(refused.changed)
	}
	var agencyID *int64
	names := map[int64]string{}
	// Why the user may not change their figures now, if they may not.
	var cannot string
	if own, ok := LeadAgency(user); ok {
		agencyID = &own
		a, err := s.store.AgencyByID(ctx, own)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Whose = domain.Possessive(a.Name) + " figures"
		refusals, err := s.figuresRefusals(r, []int64{own})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(refusals) > 0 {
			cannot = refusals[0]
		}
	} else {
		v.ShowAgencies = true
		agencies, err := s.store.Agencies(ctx)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, a := range agencies {
			names[a.ID] = a.Name
		}
	}
	list, err := s.store.AppliedImports(ctx, period.ID, agencyID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, im := range list {
		row := templates.FigureImportRow{ID: im.ID, Filename: im.Filename, By: im.UserName, At: *im.AppliedAt, Figures: im.Changes}
		var whose []string
		for _, id := range im.AgencyIDs {
			whose = append(whose, names[id])
		}
		row.Agencies = strings.Join(whose, ", ")
		switch {
		case im.UndoneAt != nil:
			row.Status = "Undone by " + im.UndoneBy + ", " + templates.DateTime(*im.UndoneAt)
		case !CanUndoImport(user, im.UserID):
			row.Status = "Only " + im.UserName + ", who applied it, or the board manager can undo it"
		case cannot != "":
			row.Status = cannot
		default:
			row.UndoPath = figuresImportsPath(period) + "/" + strconv.FormatInt(im.ID, 10) + "/undo"
		}
		v.Imports = append(v.Imports, row)
	}
	p := s.page(r, "Imports of figures", "home").WithBack(v.ImportPath, "Back to import and export")
	p.HasErrors = v.Error != ""
	s.render(w, r, status, templates.FiguresImportsPage(p, v))
}

// undoImport puts back the figures an import replaced, if none has changed
// since: for whoever applied it, or the manager.
func (s *Server) undoImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	user, period := currentUser(ctx), currentPeriod(ctx)
	id, err := idParam(r, "import")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	im, err := s.store.AppliedImport(ctx, period.ID, id)
	if err == nil && !CanSeeImport(user, im.AgencyIDs) {
		err = domain.ErrNotFound
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !CanUndoImport(user, im.UserID) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	row := "import-" + strconv.FormatInt(im.ID, 10)
	if im.UndoneAt != nil {
		s.renderImports(w, r, http.StatusConflict, undoRefusal{message: "The import of " + im.Filename + " has been undone already", target: row})
		return
	}
	refusals, err := s.figuresRefusals(r, im.AgencyIDs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(refusals) > 0 {
		s.renderImports(w, r, http.StatusForbidden, undoRefusal{message: refusals[0], target: row})
		return
	}
	var scope store.ValueScope
	if own, ok := LeadAgency(user); ok {
		scope.AgencyID = &own
	}
	n, err := s.store.UndoImport(ctx, domain.UserActor(user), scope, period.ID, im.ID)
	var changed *domain.FiguresChangedError
	switch {
	case errors.As(err, &changed):
		s.renderImports(w, r, http.StatusConflict, undoRefusal{target: "changed-since", changed: changed,
			message: fmt.Sprintf("The import of %s cannot be undone: %s since it was applied", im.Filename, savedSince(changed.Count))})
		return
	case errors.Is(err, domain.ErrConflict):
		s.renderImports(w, r, http.StatusConflict, undoRefusal{message: "The import of " + im.Filename + " has been undone already", target: row})
		return
	case err != nil:
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, figuresImportsPath(period), fmt.Sprintf("Import undone: %s from %s %s back as %s before",
		figureCount(n), im.Filename, map[bool]string{true: "is", false: "are"}[n == 1], map[bool]string{true: "it was", false: "they were"}[n == 1]))
}

func savedSince(n int) string {
	if n == 1 {
		return "1 of its figures has been saved again"
	}
	return strconv.Itoa(n) + " of its figures have been saved again"
}

func figureCount(n int) string {
	if n == 1 {
		return "1 figure"
	}
	return strconv.Itoa(n) + " figures"
}
