package domain

// Unrated says why an indicator has no rating: the dashboard shows it beside
// "Not rated", so a chair knows whether a target is missing or a figure.
type Unrated string

// The reasons an indicator is not rated, in the order WhyNotRated asks them.
const (
	// RatedAfterAll: the indicator has a rating.
	RatedAfterAll Unrated = ""
	// UnratedNoDirection: neither a higher nor a lower figure is better, so
	// no target can rate it (referrals, conferences held).
	UnratedNoDirection Unrated = "no_direction"
	// UnratedNoTarget: the period has no target for it.
	UnratedNoTarget Unrated = "no_target"
	// UnratedTargetToConfirm: the target was carried from last year and the
	// manager has not confirmed it.
	UnratedTargetToConfirm Unrated = "target_to_confirm"
	// UnratedNoFigures: no figure is known yet to rate.
	UnratedNoFigures Unrated = "no_figures"
	// UnratedOverlapping: its breakdown's options overlap, so it has no
	// figure for them all to rate (Indicator.Overlaps).
	UnratedOverlapping Unrated = "overlapping"
)

// NoTotal stands where an indicator whose options overlap
// (Indicator.Overlaps) would show a figure for them all.
const NoTotal = "No total"

// WhyNotRated is why an indicator with the given polarity, target and year
// to date is not rated, or RatedAfterAll when it is. It asks in the order a
// manager would put things right: which way is better, then the target, then
// the figures. It is the counterpart of Rate (and of the SQL rag, which also
// rates nothing against a target to be confirmed): whenever WhyNotRated says
// RatedAfterAll, they rate the indicator; TestWhyNotRatedMatchesRate holds the
// two to that.
func WhyNotRated(polarity Polarity, target *Target, ytd *float64) Unrated {
	switch {
	case polarity == PolarityNeither:
		return UnratedNoDirection
	case target == nil:
		return UnratedNoTarget
	case target.ToConfirm:
		return UnratedTargetToConfirm
	case ytd == nil:
		return UnratedNoFigures
	}
	return RatedAfterAll
}

// Words is the reason as the dashboard says it after "Not rated: ".
func (u Unrated) Words() string {
	switch u {
	case UnratedNoDirection:
		return "neither way is better"
	case UnratedNoTarget:
		return "no target set"
	case UnratedTargetToConfirm:
		return "target to be confirmed"
	case UnratedNoFigures:
		return "no figures yet"
	case UnratedOverlapping:
		return "its options overlap"
	}
	return ""
}

// TargetCanFix reports whether setting (or confirming) the period's target is
// what would let the indicator be rated.
func (u Unrated) TargetCanFix() bool {
	return u == UnratedNoTarget || u == UnratedTargetToConfirm
}
