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
// showed. Every typed figure is checked first; any mistake, or a changed cell
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
	typed, was := map[string]string{}, map[string]string{}
	for ri := range g.rows {
		for ci := range g.cols {
			c := g.cell(ci, ri)
			id := cellID(c.On, c.Options)
			if shown, ok := r.PostForm["was-"+id]; ok {
				typed[id], was[id] = strings.TrimSpace(r.PostFormValue(id)), shown[0]
			}
		}
	}
	if !mayEnterFigures(r) {
		// A lead whose return was submitted, or whose period closed, since the
		// page was shown gets their figures back to copy; anyone else is refused.
		if !IsAgencyLead(user, sc.Agency.ID) {
			s.renderStatus(w, r, http.StatusForbidden)
			return
		}
		v := g.view(sc, saved, typed, was, nil)
		v.Closed, v.Conflict = true, "This return has been submitted, so its figures can no longer be changed. Nothing has been saved: the figures you typed are below so you can keep a copy."
		status := http.StatusConflict
		if !sc.Period.IsOpen {
			v.Conflict, status = templates.ClosedPeriodNote(sc.Period.Label)+" Nothing has been saved: the figures you typed are below so you can keep a copy.", http.StatusForbidden
		}
		s.renderGrid(w, r, status, v)
		return
	}

	// Check every typed figure, and find the cells that changed.
	cellErrs := map[string]string{}
	var errs domain.FieldErrors
	var changes []domain.CellValue
	changedAt := map[string][2]int{}
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
				s.renderError(w, r, err)
				return
			}
			if !sameFigure(value, before) {
				changes = append(changes, domain.CellValue{Cell: c, Value: value})
				changedAt[id] = [2]int{ci, ri}
			}
		}
	}
	// A numerator may not exceed its denominator in the same cell.
	if err := s.checkRatioParts(ctx, g, changes, cellErrs, &errs); err != nil {
		s.serverError(w, r, err)
		return
	}
	// A changed cell someone else changed since the page was shown is not overwritten.
	conflicts := 0
	for _, ch := range changes {
		id := cellID(ch.On, ch.Options)
		before, _ := parseShown(was[id])
		var now *float64
		if f, ok := saved[id]; ok {
			now = &f
		}
		if sameFigure(now, before) || cellErrs[id] != "" {
			continue
		}
		conflicts++
		at := changedAt[id]
		msg := fmt.Sprintf("Someone else changed this figure to %s since you opened this page; you entered %s. Check which is right, then save again",
			figureWords(g.ind.Unit, now), figureWords(g.ind.Unit, ch.Value))
		cellErrs[id] = msg
		errs.Add(id, g.label(at[0], at[1])+": "+msg)
		// Saving again means to keep the figure typed.
		was[id] = ""
		if now != nil {
			was[id] = rawNumber(*now)
		}
	}
	if len(errs) > 0 {
		v := g.view(sc, saved, typed, was, cellErrs)
		v.Editable, v.Errors = true, errs
		status := http.StatusUnprocessableEntity
		if conflicts > 0 {
			status = http.StatusConflict
			v.Conflict = "Someone else changed some of these figures since you opened this page, so nothing has been saved. Both their figure and yours are shown for each:"
		}
		s.renderGrid(w, r, status, v)
		return
	}
	if len(changes) == 0 {
		s.flash(w, r, returnPath(sc, "/performance"), "No figures were changed for "+g.ind.Code)
		return
	}
	agencyID := sc.Agency.ID
	scope := store.ValueScope{AgencyID: &agencyID}
	for _, ch := range changes {
		before, _ := parseShown(was[cellID(ch.On, ch.Options)])
		scope.Expected = append(scope.Expected, domain.CellValue{Cell: ch.Cell, Value: before})
	}
	if _, err := s.store.SaveValues(ctx, domain.UserActor(user), scope, changes); err != nil {
		// Someone saved between our check and our save: check again, which now
		// finds their figures and shows both.
		if errors.Is(err, domain.ErrStale) && r.Context().Value(retriedSave{}) == nil {
			s.saveFigures(w, r.WithContext(context.WithValue(ctx, retriedSave{}, true)))
			return
		}
		s.renderError(w, r, err)
		return
	}
	s.flash(w, r, returnPath(sc, "/performance"), "Figures saved for "+g.ind.Code)
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

func sameFigure(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// figureWords writes a figure in a message: "12%", or "blank" for not known.
func figureWords(u domain.Unit, v *float64) string {
	if v == nil {
		return "blank"
	}
	return domain.FormatValue(u, *v)
}

// checkRatioParts checks the changed figures against the saved figures of
// the other part of each ratio indicator this one is a part of: a numerator
// may not be more than its denominator for the same date and options. Parts
// broken down differently are not compared cell by cell.
func (s *Server) checkRatioParts(ctx context.Context, g *grid, changes []domain.CellValue, cellErrs map[string]string, errs *domain.FieldErrors) error {
	if len(changes) == 0 {
		return nil
	}
	parts, err := s.store.RatioParts(ctx, g.ind.ID)
	if err != nil || len(parts) == 0 {
		return err
	}
	sc := currentReturn(ctx)
	for _, part := range parts {
		other, err := s.store.IndicatorByID(ctx, part.CounterpartID)
		if err != nil {
			return err
		}
		if !sameBreakdowns(*g.ind, *other) {
			continue
		}
		values, err := s.store.Values(ctx, []int64{other.ID}, sc.Period.StartsOn, sc.Period.EndsOn)
		if err != nil {
			return err
		}
		theirs := savedByID(values)
		for _, ch := range changes {
			id := cellID(ch.On, ch.Options)
			o, ok := theirs[id]
			if ch.Value == nil || !ok || cellErrs[id] != "" {
				continue
			}
			num, den := *ch.Value, o
			if !part.IsNumerator {
				num, den = o, *ch.Value
			}
			if num <= den {
				continue
			}
			full := ""
			for i, d := range g.cols {
				if d.Equal(ch.On) {
					full = g.colFull[i]
				}
			}
			ratio := fmt.Sprintf("(%s is %s out of %s)", part.RatioCode, g.ind.Code, other.Code)
			if !part.IsNumerator {
				ratio = fmt.Sprintf("(%s is %s out of %s)", part.RatioCode, other.Code, g.ind.Code)
			}
			var msg string
			if part.IsNumerator {
				msg = fmt.Sprintf("Enter %s or less, the %s figure for %s %s", domain.FormatValue(g.ind.Unit, o), other.Code, full, ratio)
			} else {
				msg = fmt.Sprintf("Enter %s or more, the %s figure for %s %s", domain.FormatValue(g.ind.Unit, o), other.Code, full, ratio)
			}
			cellErrs[id] = msg
			errs.Add(id, g.labelFor(ch.Cell)+": "+msg)
		}
	}
	return nil
}

// sameBreakdowns reports whether two indicators are broken down by the same
// dimensions in the same order, so their cells correspond one to one.
func sameBreakdowns(a, b domain.Indicator) bool {
	if len(a.Dimensions) != len(b.Dimensions) {
		return false
	}
	for i := range a.Dimensions {
		if a.Dimensions[i].ID != b.Dimensions[i].ID {
			return false
		}
	}
	return true
}

// retriedSave marks a save checked again after the store found a figure changed meanwhile.
type retriedSave struct{}
