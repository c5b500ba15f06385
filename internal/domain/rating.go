package domain

import (
	"math/big"
	"strconv"
)

// Rate rates a figure against a target: meeting the target is green; missing
// it by no more than the amber margin is amber; otherwise red. An indicator
// where neither direction is better, or without a target or a figure, is not
// rated.
//
// The queries rate with the SQL function rag (migration 0004), which compares
// in exact numeric; so does Rate, on the figures as PostgreSQL turns a
// float8 into numeric (15 significant digits), so that 14.3 is within 0.1 of
// 14.2 here as there. TestRateAgreesWithItsSQLFunction keeps the two one rule.
func Rate(v *float64, t *Target, polarity Polarity) RAG {
	if v == nil || t == nil || polarity == PolarityNeither {
		return RAGNone
	}
	figure, target := exactDecimal(*v), exactDecimal(t.Value)
	c := figure.Cmp(target)
	met := false
	switch t.Op {
	case "<":
		met = c < 0
	case "<=":
		met = c <= 0
	case ">":
		met = c > 0
	case ">=":
		met = c >= 0
	}
	if met {
		return RAGGreen
	}
	if t.Amber != nil {
		gap := new(big.Rat).Sub(figure, target)
		if gap.Abs(gap).Cmp(exactDecimal(*t.Amber)) <= 0 {
			return RAGAmber
		}
	}
	return RAGRed
}

// exactDecimal is a float as PostgreSQL casts float8 to numeric: its decimal
// to 15 significant digits, held exactly.
func exactDecimal(v float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'g', 15, 64))
	if !ok {
		return new(big.Rat)
	}
	return r
}
