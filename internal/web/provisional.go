package web

import (
	"net/http"
	"net/url"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/templates"
)

// Provisional figures (issue 12): the dashboard, the indicator pages and
// the draft report mark the figures whose agency's return for their year is
// not yet accepted (store.IndicatorPerformance.ProvisionalBy), and the
// manager can switch them to accepted figures only with ?figures=accepted,
// which leaves those figures out of every figure, year to date and rating
// (store.PerformanceOptions.AcceptedOnly).

// figuresParam is the address's query parameter of the manager's switch.
const figuresParam = "figures"

// acceptedOnly reports whether the page shows accepted figures only: the
// manager asked for it in the address. Anyone else sees every figure, the
// provisional ones marked.
func acceptedOnly(r *http.Request) bool {
	return r.URL.Query().Get(figuresParam) == "accepted" && Can(currentUser(r.Context()), ActionAdminister)
}

// figuresSwitch is the manager's switch on a page whose address is r's:
// links to the same address with and without ?figures=accepted, the rest of
// its query kept. withheld counts the indicators left out.
func figuresSwitch(r *http.Request, withheld int) templates.FiguresSwitch {
	if !Can(currentUser(r.Context()), ActionAdminister) {
		return templates.FiguresSwitch{}
	}
	q := r.URL.Query()
	q.Del(figuresParam)
	all := pathWithQuery(r.URL.Path, q)
	q.Set(figuresParam, "accepted")
	return templates.FiguresSwitch{Shown: true, AcceptedOnly: acceptedOnly(r), AllPath: all, AcceptedPath: pathWithQuery(r.URL.Path, q), Withheld: withheld}
}

func pathWithQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// withheldCount counts the indicators whose figures for the period were left out.
func withheldCount(list []store.IndicatorPerformance) int {
	n := 0
	for _, ip := range list {
		if ip.Withheld {
			n++
		}
	}
	return n
}

// provisionalSummary says how many of the shown indicators' figures for the
// period are provisional (or, withheld, left out), and from whose returns,
// each leading to the return for those who may read it.
func provisionalSummary(period domain.Period, user *domain.User, shown []store.IndicatorPerformance) templates.ProvisionalSummary {
	var s templates.ProvisionalSummary
	at := map[int64]int{}
	for _, ip := range shown {
		if len(ip.ProvisionalBy) == 0 {
			continue
		}
		s.Indicators++
		s.Figures += ip.ProvisionalFigures
		s.Withheld = s.Withheld || ip.Withheld
		for _, by := range ip.ProvisionalBy {
			k, ok := at[by.AgencyID]
			if !ok {
				k = len(s.Sources)
				at[by.AgencyID] = k
				src := templates.ProvisionalSource{Agency: by.AgencyName, Status: by.Status}
				if CanSeeReturn(user, by.AgencyID, by.Status) {
					src.ReturnPath = "/periods/" + period.Slug + "/returns/" + by.AgencySlug
				}
				s.Sources = append(s.Sources, src)
			}
			s.Sources[k].Indicators = append(s.Sources[k].Indicators, ip.Code)
			s.Sources[k].Figures += ip.ProvisionalFigures
		}
	}
	return s
}
