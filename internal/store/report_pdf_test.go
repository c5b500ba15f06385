package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

func TestTheDraftPDFIsKeptPerDataVersion(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	periodID, err := st.CreatePeriod(ctx, domain.CommandLine, store.PeriodFields{Label: "2009/10",
		StartsOn: domain.PeriodForYear(2009).StartsOn, EndsOn: domain.PeriodForYear(2009).EndsOn})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.KeepReportPDF(ctx, periodID, 7, store.ReportPDF{Data: []byte("%PDF seven"), Pages: 3}); err != nil {
		t.Fatal(err)
	}
	if p, ok, err := st.CachedReportPDF(ctx, periodID, 7); err != nil || !ok || string(p.Data) != "%PDF seven" || p.Pages != 3 {
		t.Fatalf("at version 7: %+v, %t, %v", p, ok, err)
	}
	if _, ok, err := st.CachedReportPDF(ctx, periodID, 8); err != nil || ok {
		t.Fatalf("at version 8: kept %t, %v; want nothing", ok, err)
	}
	// A copy made at an older version, finishing late, does not replace a newer one.
	if err := st.KeepReportPDF(ctx, periodID, 9, store.ReportPDF{Data: []byte("%PDF nine"), Pages: 4}); err != nil {
		t.Fatal(err)
	}
	if err := st.KeepReportPDF(ctx, periodID, 8, store.ReportPDF{Data: []byte("%PDF eight"), Pages: 4}); err != nil {
		t.Fatal(err)
	}
	if p, ok, _ := st.CachedReportPDF(ctx, periodID, 9); !ok || string(p.Data) != "%PDF nine" {
		t.Fatalf("version 9's copy was replaced by version 8's")
	}
}

func TestPDFSlotsAreSharedByEveryServer(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	ctx := context.Background()
	open := func() *store.Store {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(st.Close)
		return st
	}
	one, two := open(), open() // two servers' pools on one database

	a, err := one.TakeUserPDFSlot(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := two.TakeUserPDFSlot(ctx, 1); !errors.Is(err, store.ErrSlotTaken) {
		t.Fatalf("user 1's second PDF on the other server: %v, want ErrSlotTaken", err)
	}
	b, err := two.TakeUserPDFSlot(ctx, 2)
	if err != nil {
		t.Fatalf("user 2's PDF: %v", err)
	}
	if err := a.WaitForDraftSlot(ctx, 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	// (a wait that gives up, however often, leaves the slot's connection usable)
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if err := b.WaitForDraftSlot(short, 10*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("the board's slot while another server makes a PDF: %v, want a wait that times out", err)
	}
	a.Release()
	if err := b.WaitForDraftSlot(ctx, 10*time.Millisecond); err != nil {
		t.Fatalf("the board's slot once freed: %v", err)
	}
	b.Release()
	c, err := two.TakeUserPDFSlot(ctx, 1)
	if err != nil {
		t.Fatalf("user 1's slot once freed: %v", err)
	}
	c.Release()
}
