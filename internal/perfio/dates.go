package perfio

import (
	"sort"
	"time"
)

type domainDate struct {
	day   int64 // days since 1970-01-01
	label string
	t     time.Time
}

func unixDay(day int64) time.Time { return time.Unix(day*86400, 0).UTC() }

func sortDates(ds []domainDate) {
	sort.Slice(ds, func(i, j int) bool { return ds[i].day < ds[j].day })
}
