package domain

import "testing"

func TestWhyNotRatedSaysWhatAManagerWouldPutRightFirst(t *testing.T) {
	t.Parallel()
	fig := 17.0
	target := &Target{Op: "<", Value: 14}
	toConfirm := &Target{Op: "<", Value: 14, ToConfirm: true}
	for _, tc := range []struct {
		name     string
		polarity Polarity
		target   *Target
		ytd      *float64
		want     Unrated
	}{
		{"an indicator with a target and a figure is rated", PolarityLower, target, &fig, RatedAfterAll},
		{"neither direction being better comes before a missing target", PolarityNeither, nil, nil, UnratedNoDirection},
		{"neither direction being better outweighs a target set", PolarityNeither, target, &fig, UnratedNoDirection},
		{"a missing target comes before missing figures", PolarityHigher, nil, nil, UnratedNoTarget},
		{"a target to be confirmed rates nothing", PolarityLower, toConfirm, &fig, UnratedTargetToConfirm},
		{"a target without figures waits for them", PolarityLower, target, nil, UnratedNoFigures},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := WhyNotRated(tc.polarity, tc.target, tc.ytd); got != tc.want {
				t.Errorf("WhyNotRated = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestWhyNotRatedMatchesRate holds the reason to the rule: an indicator with
// a reason is not rated and one without is, against a confirmed target.
func TestWhyNotRatedMatchesRate(t *testing.T) {
	t.Parallel()
	fig := 17.0
	for _, pol := range Polarities {
		for _, target := range []*Target{nil, {Op: "<", Value: 14}, {Op: ">=", Value: 10}} {
			for _, ytd := range []*float64{nil, &fig} {
				why, rag := WhyNotRated(pol, target, ytd), Rate(ytd, target, pol)
				if (why == RatedAfterAll) != (rag != RAGNone) {
					t.Errorf("%s, target %v, figure %v: WhyNotRated says %q but Rate says %q", pol, target, ytd, why, rag)
				}
				if why != RatedAfterAll && why.Words() == "" {
					t.Errorf("%q has no words", why)
				}
			}
		}
	}
}
