package domain

import (
	"math"
	"math/big"
	"strconv"
)

// Exact arithmetic on figures. A figure comes from PostgreSQL's numeric read
// as float8: its shortest decimal (strconv's 'g', -1) is the numeric value.
// Adding, subtracting or dividing those as binary floats can land just
// below a half (22 + 22.17 + 22.085 over 3 is 22.084999… in float64), which
// Round would then round down. These do the arithmetic on the decimals
// exactly (math/big.Rat) and only then go back to the nearest float64, so
// that a figure is rounded once, when it is shown, as numeric would be.
// Whole numbers below 2^53 add exactly as floats and skip the big numbers.

// whole reports whether v adds exactly as a float64.
func whole(v float64) bool { return v == math.Trunc(v) && math.Abs(v) < 1<<53 }

// rat is v's decimal, exactly.
func rat(v float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'g', -1, 64))
	if !ok { // not finite: no figure is
		return new(big.Rat)
	}
	return r
}

func ratFloat(r *big.Rat) float64 {
	f, _ := r.Float64()
	return f
}

// exactSum adds figures as decimals.
func exactSum(vs []float64) float64 {
	var f float64
	for _, v := range vs {
		if !whole(v) {
			return ratSum(vs)
		}
		f += v
	}
	if math.Abs(f) >= 1<<53 {
		return ratSum(vs)
	}
	return f
}

// ratSum adds figures as big decimals.
func ratSum(vs []float64) float64 {
	sum := new(big.Rat)
	for _, v := range vs {
		sum.Add(sum, rat(v))
	}
	return ratFloat(sum)
}

// exactSub is a − b as decimals.
func exactSub(a, b float64) float64 {
	if whole(a) && whole(b) {
		return a - b
	}
	return ratFloat(new(big.Rat).Sub(rat(a), rat(b)))
}

// exactRatio is a / b × scale as decimals, rounded once to the nearest
// float64; b must not be 0.
func exactRatio(a, b, scale float64) float64 {
	q := new(big.Rat).Quo(rat(a), rat(b))
	if scale != 1 {
		q.Mul(q, rat(scale))
	}
	return ratFloat(q)
}
