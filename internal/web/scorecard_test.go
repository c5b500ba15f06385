package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"safeboard/internal/domain"
)

// visibleText is a selection's text without what only screen readers hear.
func visibleText(s *goquery.Selection) string {
	c := s.Clone()
	c.Find(".govuk-visually-hidden").Remove()
	return squash(c.Text())
}

// TestTheScorecardHoldsTheSameFiguresAsTheCards reads each scorecard row
// against its indicator's card: the same indicators in the same order, and
// the same latest figure, year to date, target, rating, reason for no
// rating and direction, filtered or not.
func TestTheScorecardHoldsTheSameFiguresAsTheCards(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	for _, query := range []string{"", "?theme=Policing", "?rag=none"} {
		t.Run("dashboard"+query, func(t *testing.T) {
			page := d.page(t, d.as(domain.RoleChair), "/periods/2009-10/dashboard"+query)
			var cards, rows []string
			page.Find(`[data-testid="card"]`).Each(func(_ int, s *goquery.Selection) { cards = append(cards, s.AttrOr("data-code", "")) })
			page.Find(`[data-testid="scorecard"] [data-testid="score"]`).Each(func(_ int, s *goquery.Selection) { rows = append(rows, s.AttrOr("data-code", "")) })
			if len(cards) == 0 || strings.Join(rows, " ") != strings.Join(cards, " ") {
				t.Fatalf("the scorecard's rows are %v, the cards %v", rows, cards)
			}
			for _, code := range cards {
				c, row := card(page, code), page.Find(`[data-testid="score"][data-code="`+code+`"]`)
				same := func(what, inCard, inRow string) {
					if inCard != inRow {
						t.Errorf("%s's %s: %q on its card, %q on the scorecard", code, what, inCard, inRow)
					}
				}
				same("latest figure", squash(c.Find(`[data-testid="latest"]`).Text()), visibleText(row.Find(`[data-testid="latest"]`)))
				same("year to date", squash(c.Find(`[data-testid="ytd"]`).Text()), squash(row.Find(`[data-testid="ytd"]`).Text()))
				target := squash(c.Find(`[data-testid="target"]`).Text())
				if target == "No target" {
					target = "–"
				}
				same("target", target, squash(row.Find(`[data-testid="target"]`).Text()))
				same("rating", c.AttrOr("data-rag", "?"), row.AttrOr("data-rag", "!"))
				same("rating's words", squash(c.Find(`.govuk-summary-card__title-wrapper .govuk-tag`).Text()), squash(row.Find(`[data-testid="rating"] .govuk-tag`).Text()))
				same("reason for no rating", squash(c.Find(`[data-testid="not-rated-why"]`).Text()), squash(row.Find(`[data-testid="rating"] [data-testid="not-rated-why"]`).Text()))
				cardDir, rowDir := c.Find(`[data-testid="direction"]`), row.Find(`[data-testid="direction"]`)
				same("direction", cardDir.AttrOr("data-direction", "?"), rowDir.AttrOr("data-direction", "!"))
				if words := squash(rowDir.Find(`[data-testid="direction-words"]`).Text()); words == "" || !strings.Contains(squash(cardDir.Text()), words) {
					t.Errorf("%s's direction: %q on its card, %q on the scorecard", code, squash(cardDir.Text()), words)
				}
				if row.Find(`svg[role="img"] title`).Length() != 1 {
					t.Errorf("%s's row has no named sparkline", code)
				}
			}
		})
	}
}

// TestNotRatedSaysWhyAndLeadsTheManagerToTheTarget: FLAT has no direction
// that is better, WOBBLE no target; only the manager is offered the target,
// and only where a target would rate the indicator.
func TestNotRatedSaysWhyAndLeadsTheManagerToTheTarget(t *testing.T) {
	t.Parallel()
	d := newDashBoard(t)
	for _, role := range []domain.Role{domain.RoleManager, domain.RoleChair, domain.RoleMember} {
		page := d.page(t, d.as(role), "/periods/2009-10/dashboard")
		for code, want := range map[string]string{"FLAT": "neither way is better", "WOBBLE": "no target set", "NI65": ""} {
			row := page.Find(`[data-testid="score"][data-code="` + code + `"]`)
			if got := squash(row.Find(`[data-testid="not-rated-why"]`).Text()); got != want {
				t.Errorf("as %s, %s is not rated because %q, want %q", role, code, got, want)
			}
			links := row.Find(`[data-testid="set-target"]`)
			wantLinks := 0
			if role == domain.RoleManager && code == "WOBBLE" {
				wantLinks = 1
			}
			if links.Length() != wantLinks {
				t.Errorf("as %s, %s's row has %d links to set its target, want %d", role, code, links.Length(), wantLinks)
			}
			if wantLinks == 1 {
				href := links.AttrOr("href", "")
				if wantHref := "/admin/indicators/" + strconv.FormatInt(d.ids["WOBBLE"], 10) + "#period-2009-10"; href != wantHref {
					t.Errorf("the link to set WOBBLE's target goes to %q, want %q", href, wantHref)
				}
				if res := d.as(role).get(strings.SplitN(href, "#", 2)[0]); res.StatusCode != 200 {
					t.Errorf("the link to set the target answers %d", res.StatusCode)
				}
			}
		}
	}
	// The indicator's own page says why too.
	ip := d.page(t, d.as(domain.RoleManager), "/periods/2009-10/indicators/WOBBLE")
	if got := squash(ip.Find(`[data-testid="not-rated-why"]`).Text()); got != "no target set" {
		t.Errorf("WOBBLE's page says it is not rated because %q", got)
	}
	if ip.Find(`[data-testid="set-target"]`).Length() != 1 {
		t.Error("WOBBLE's page does not lead the manager to its target")
	}
}
