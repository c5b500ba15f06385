package templates

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// shortFloat must write exactly what strconv.FormatFloat(f, 'f', -1, 64) does.
func TestShortFloatWritesWhatFormatFloatDoes(t *testing.T) {
	check := func(f float64) {
		t.Helper()
		if got, want := shortFloat(f), strconv.FormatFloat(f, 'f', -1, 64); got != want {
			t.Fatalf("shortFloat(%v) = %q, want %q", f, got, want)
		}
	}
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, -0.1, 0.3, 12.3, -12.3, 99.9, 100, 1e14 + 0.5, 1e15, 1e16,
		0.15, 1.05, 2.675, 123.45, math.Nextafter(0.1, 1), math.Nextafter(12.3, 0), math.Inf(1), math.NaN(), 1e-7, 5e-324} {
		check(f)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		check(round1(r.Float64()*2000 - 1000))
		check(math.Round(r.Float64() * 1e6))
		check(r.Float64() * 300)
		check(float64(r.IntN(100000)) / 7)
	}
}
