package web_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/web"
)

func TestTheDraftPDFIsServedFromPostgresForItsDataVersionOnly(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	m := b.as(domain.RoleManager)
	period := mustPeriod(t, b)
	version, err := b.st.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kept := []byte("%PDF-1.7 kept for this version")
	if err := b.st.KeepReportPDF(ctx, period.ID, version, store.ReportPDF{Data: kept, Pages: 1}); err != nil {
		t.Fatal(err)
	}
	res := m.get("/periods/2009-10/report.pdf")
	if got := body(t, res); res.StatusCode != http.StatusOK || !bytes.Equal(got, kept) {
		t.Fatalf("at the version it was kept for: status %d, %q; want the kept copy", res.StatusCode, got)
	}

	// A change moves the data version on: the kept copy is stale. The
	// manager's own slot is taken, as if they had asked a moment ago.
	if _, err := b.st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Medway Council", Slug: "medway", ShortName: "Council", Sector: "Local authority", DisplayOrder: 20, Active: true}); err != nil {
		t.Fatal(err)
	}
	slot, err := b.st.TakeUserPDFSlot(ctx, b.users[domain.RoleManager].ID)
	if err != nil {
		t.Fatal(err)
	}
	defer slot.Release()
	res = m.get("/periods/2009-10/report.pdf")
	if got := body(t, res); res.StatusCode == http.StatusOK || bytes.Equal(got, kept) {
		t.Fatalf("after a change: status %d; the stale copy was served", res.StatusCode)
	}
	if _, chromium := web.FindChromium(); chromium && (res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "") {
		t.Errorf("a second PDF of one's own at once: status %d, Retry-After %q; want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// Another user is not held up by the manager's slot.
	if res := b.as(domain.RoleChair).get("/periods/2009-10/report.pdf"); res.StatusCode == http.StatusTooManyRequests {
		t.Error("the chair's PDF is refused because of the manager's")
	}
}

func TestPublishingNeverWaitsBehindMembersPDFs(t *testing.T) {
	t.Parallel()
	needPDFTools(t)
	b := newBoard(t)
	ctx := context.Background()
	// A member's draft PDF holds the board's slot, as a loop of requests might.
	member, err := b.st.TakeUserPDFSlot(ctx, b.users[domain.RoleMember].ID)
	if err != nil {
		t.Fatal(err)
	}
	defer member.Release()
	if err := member.WaitForDraftSlot(ctx, 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	publish, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	pub, err := b.srv.Publish(publish, *mustPeriod(t, b), b.users[domain.RoleManager])
	if err != nil {
		t.Fatalf("publishing while a member's PDF holds the slot: %v", err)
	}
	if pub.Version != 1 {
		t.Errorf("published version %d, want 1", pub.Version)
	}
}
