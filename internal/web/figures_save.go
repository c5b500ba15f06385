package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// saveFigures saves the cells of a grid that changed from what the page
// showed. Every typed figure is read first; domain.CheckGridSave then finds
// the cells that changed and checks them. Any mistake, or a changed cell
// that someone else changed meanwhile, saves nothing and shows the grid again
// with everything as typed.
func (s *Server) saveFigures(w http.ResponseWriter, r *http.Request) {
	ctx, sc, user := r.Context(), currentReturn(r.Context()), currentUser(r.Context())
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	g, saved, err := s.loadGrid(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	typed, was := g.formCells(r)
	if !mayEnterFigures(r) {
		s.refuseClosedGrid(w, r, g, saved, typed, was)
		return
	}
	edits, cellErrs, errs, err := g.readEdits(typed, was)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	parts, err := s.ratioParts(ctx, g.ind, *sc.Period)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	check := domain.CheckGridSave(*g.ind, edits, saved, parts)
	for _, c := range check.Clashes {
		id := cellID(c.On, c.Options)
		cellErrs[id] = g.clashMessage(c)
		errs.Add(id, g.labelFor(c.Cell)+": "+cellErrs[id])
	}
	for _, c := range check.Conflicts {
		id := cellID(c.On, c.Options)
		cellErrs[id] = fmt.Sprintf("Someone else changed this figure to %s since you opened this page; you entered %s. Check which is right, then save again",
			figureWords(g.ind.Unit, c.Saved), figureWords(g.ind.Unit, c.Typed))
		errs.Add(id, g.labelFor(c.Cell)+": "+cellErrs[id])
		// Saving again means to keep the figure typed.
		was[id] = ""
		if c.Saved != nil {
			was[id] = rawNumber(*c.Saved)
		}
	}
	if len(errs) > 0 {
		v := g.view(sc, savedByID(saved), typed, was, cellErrs)
		v.Editable, v.Errors = true, errs
		status := http.StatusUnprocessableEntity
		if len(check.Conflicts) > 0 {
			status = http.StatusConflict
			v.Conflict = "Someone else changed some of these figures since you opened this page, so nothing has been saved. Both their figure and yours are shown for each:"
		}
		s.renderGrid(w, r, status, v)
		return
	}
	if len(check.Changes) == 0 {
		s.flash(w, r, returnPath(sc, "/performance"), "No figures were changed for "+g.ind.Code)
		return
	}
	agencyID := sc.Agency.ID
	scope := store.ValueScope{AgencyID: &agencyID, Expected: check.Expected}
	if _, err := s.store.SaveValues(ctx, domain.UserActor(user), scope, check.Changes); err != nil {
		// Someone saved between our check and our save: check again, which now
		// finds their figures and shows both.
		if errors.Is(err, domain.ErrStale) && r.Context().Value(retriedSave{}) == nil {
			s.saveFigures(w, r.WithContext(context.WithValue(ctx, retriedSave{}, true)))
			return
		}
		s.renderError(w, r, err)
		return
	}
	if g.oneDateAtATime() {
		s.flash(w, r, g.datePath(sc, g.date), "Figures saved for "+g.ind.Code+", "+g.colFull[g.date])
		return
	}
	s.flash(w, r, returnPath(sc, "/performance"), "Figures saved for "+g.ind.Code)
}

// refuseClosedGrid answers a save the user may no longer make: a lead whose
// return was submitted, or whose period closed, since the page was shown gets
// their figures back to copy; anyone else is refused.
func (s *Server) refuseClosedGrid(w http.ResponseWriter, r *http.Request, g *grid, saved []domain.CellValue, typed, was map[string]string) {
	sc := currentReturn(r.Context())
	if !IsAgencyLead(currentUser(r.Context()), sc.Agency.ID) {
		s.renderStatus(w, r, http.StatusForbidden)
		return
	}
	v := g.view(sc, savedByID(saved), typed, was, nil)
	v.Closed, v.Conflict = true, "This return has been submitted, so its figures can no longer be changed. Nothing has been saved: the figures you typed are below so you can keep a copy."
	status := http.StatusConflict
	if !sc.Period.IsOpen {
		v.Conflict, status = templates.ClosedPeriodNote(sc.Period.Label)+" Nothing has been saved: the figures you typed are below so you can keep a copy.", http.StatusForbidden
	}
	s.renderGrid(w, r, status, v)
}

// formCells reads what the form sent for each cell of the grid, by cell id:
// the text typed and the figure the page showed (its hidden "was-" field).
// A cell the form did not show is left out.
func (g *grid) formCells(r *http.Request) (typed, was map[string]string) {
	typed, was = map[string]string{}, map[string]string{}
	for ri := range g.rows {
		for ci := range g.cols {
			c := g.cell(ci, ri)
			id := cellID(c.On, c.Options)
			if shown, ok := r.PostForm["was-"+id]; ok {
				typed[id], was[id] = strings.TrimSpace(r.PostFormValue(id)), shown[0]
			}
		}
	}
	return typed, was
}

// readEdits reads every typed figure against the indicator's unit, in the
// grid's order. A figure that cannot be read is named beside its cell and in
// the summary, and left out of the edits; a hidden field that is not a
// figure is a bad request.
func (g *grid) readEdits(typed, was map[string]string) ([]domain.GridEdit, map[string]string, domain.FieldErrors, error) {
	var edits []domain.GridEdit
	cellErrs := map[string]string{}
	var errs domain.FieldErrors
	for ri := range g.rows {
		for ci := range g.cols {
			c := g.cell(ci, ri)
			id := cellID(c.On, c.Options)
			t, shown := typed[id]
			if !shown {
				continue
			}
			value, msg := g.ind.ParseValue(t)
			if msg != "" {
				cellErrs[id] = msg
				errs.Add(id, g.label(ci, ri)+": "+msg)
				continue
			}
			before, err := parseShown(was[id])
			if err != nil {
				return nil, nil, nil, err
			}
			edits = append(edits, domain.GridEdit{Cell: c, Shown: before, Typed: value})
		}
	}
	return edits, cellErrs, errs, nil
}

// ratioParts are the ratios the grid's indicator is a part of, each with the
// other part's saved figures for the period, where both parts are broken
// down alike (others are not compared cell by cell).
func (s *Server) ratioParts(ctx context.Context, ind *domain.Indicator, period domain.Period) ([]domain.RatioPart, error) {
	parts, err := s.store.RatioParts(ctx, ind.ID)
	if err != nil {
		return nil, err
	}
	var out []domain.RatioPart
	for _, part := range parts {
		other, err := s.store.IndicatorByID(ctx, part.CounterpartID)
		if err != nil {
			return nil, err
		}
		if !ind.SameBreakdowns(*other) {
			continue
		}
		values, err := s.store.Values(ctx, []int64{other.ID}, period.StartsOn, period.EndsOn)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.RatioPart{RatioCode: part.RatioCode, IsNumerator: part.IsNumerator, Other: *other, OtherSaved: values})
	}
	return out, nil
}

// clashMessage says what a figure must be so that a ratio's numerator is not
// more than its denominator.
func (g *grid) clashMessage(c domain.RatioClash) string {
	full := ""
	for i, d := range g.cols {
		if d.Equal(c.On) {
			full = g.colFull[i]
		}
	}
	limit := domain.FormatValue(g.ind.Unit, c.Limit)
	if c.Part.IsNumerator {
		return fmt.Sprintf("Enter %s or less, the %s figure for %s (%s is %s out of %s)",
			limit, c.Part.Other.Code, full, c.Part.RatioCode, g.ind.Code, c.Part.Other.Code)
	}
	return fmt.Sprintf("Enter %s or more, the %s figure for %s (%s is %s out of %s)",
		limit, c.Part.Other.Code, full, c.Part.RatioCode, c.Part.Other.Code, g.ind.Code)
}

// parseShown reads a hidden field holding a figure as the page showed it ("" for not known).
func parseShown(s string) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: a shown figure %q", errBadRequest, s)
	}
	return &f, nil
}

// figureWords writes a figure in a message: "12%", or "blank" for not known.
func figureWords(u domain.Unit, v *float64) string {
	if v == nil {
		return "blank"
	}
	return domain.FormatValue(u, *v)
}

// retriedSave marks a save checked again after the store found a figure changed meanwhile.
type retriedSave struct{}
