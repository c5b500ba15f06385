package main

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// row is one line of the table.
type row struct {
	t          *target
	requests   int
	errors     int
	perSecond  float64
	p50, p99   time.Duration
	errorKinds map[string]int
}

func summarise(t *target, m *measurement, window time.Duration) row {
	r := row{t: t}
	if m == nil {
		return r
	}
	slices.Sort(m.latencies)
	r.requests = len(m.latencies)
	r.perSecond = float64(r.requests) / window.Seconds()
	r.p50 = percentile(m.latencies, 0.50)
	r.p99 = percentile(m.latencies, 0.99)
	r.errorKinds = m.errors
	for _, n := range m.errors {
		r.errors += n
	}
	return r
}

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*q+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// printReport writes the machine, the command and the table.
func printReport(w io.Writer, cfg config, p *plan, res results) {
	fmt.Fprintf(w, "\nSafeboard load test: %d signed-in users for %s after a %s warm-up, over loopback\n", cfg.users, cfg.duration, cfg.warmup)
	fmt.Fprintf(w, "machine: %s\n", machine())
	fmt.Fprintf(w, "command: %s\n\n", strings.Join(os.Args, " "))

	rows := map[*target]row{}
	for _, t := range p.requested() {
		rows[t] = summarise(t, res.byTarget[t], res.window)
	}
	floor := rows[p.targets[0]]
	floorPerUser := floor.perSecond / float64(max(1, floor.t.users))

	table := [][]string{{"page", "users", "requests", "req/s", "p50", "p99", "errors", "p50 ÷ floor", "req/s per user ÷ floor"}}
	for _, t := range p.targets {
		name := t.path
		if t.floor {
			name += " (floor: SELECT 1)"
		}
		if t.skipped != "" {
			table = append(table, []string{name, t.skipped})
			continue
		}
		r := rows[t]
		perUser := r.perSecond / float64(max(1, t.users))
		table = append(table, []string{name, strconv.Itoa(t.users), strconv.Itoa(r.requests), fmt.Sprintf("%.0f", r.perSecond),
			ms(r.p50), ms(r.p99), strconv.Itoa(r.errors), ratio(float64(r.p50), float64(floor.p50)), ratio(perUser, floorPerUser)})
	}
	printTable(w, table)

	var total int
	for _, r := range rows {
		total += r.requests
	}
	fmt.Fprintf(w, "\nall pages: %d requests, %.0f req/s\n", total, float64(total)/res.window.Seconds())
	for _, t := range p.targets {
		if r, ok := rows[t]; ok && r.errors > 0 {
			fmt.Fprintf(w, "errors on %s:\n", t.path)
			for _, kind := range slices.Sorted(maps.Keys(r.errorKinds)) {
				fmt.Fprintf(w, "  %6d  %s\n", r.errorKinds[kind], kind)
			}
		}
	}
}

// printTable left-aligns the first column and right-aligns the others; a row
// with two cells (a page not requested) says why after the page.
func printTable(w io.Writer, table [][]string) {
	widths := make([]int, len(table[0]))
	for _, r := range table {
		if len(r) != len(widths) {
			continue
		}
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range table {
		line := r[0] + strings.Repeat(" ", widths[0]-utf8.RuneCountInString(r[0]))
		if len(r) != len(widths) {
			fmt.Fprintf(w, "%s  %s\n", line, strings.Join(r[1:], " "))
			continue
		}
		for i := 1; i < len(r); i++ {
			line += "  " + strings.Repeat(" ", widths[i]-utf8.RuneCountInString(r[i])) + r[i]
		}
		fmt.Fprintln(w, line)
	}
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64) + "×"
}

// machine describes where the run happened: CPUs, their model, memory and Go.
func machine() string {
	return fmt.Sprintf("%d CPUs (%s), %s memory, %s %s/%s",
		runtime.NumCPU(), procField("/proc/cpuinfo", "model name"), memTotal(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// procField is the first value of a "key : value" line in a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func memTotal() string {
	kb, err := strconv.ParseFloat(strings.TrimSuffix(procField("/proc/meminfo", "MemTotal"), " kB"), 64)
	if err != nil {
		return "unknown"
	}
	return strconv.FormatFloat(kb/1024/1024, 'f', 1, 64) + " GiB"
}
