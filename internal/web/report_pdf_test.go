package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
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

func TestAPublishedFileThatNoLongerMatchesItsSHA256IsNotServed(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	ctx := context.Background()
	period := mustPeriod(t, b)
	html, pdf := []byte("<!doctype html><title>Annual report</title>"), []byte("%PDF-1.7 report")
	sumHTML, sumPDF := sha256.Sum256(html), sha256.Sum256([]byte("%PDF-1.7 the report as published"))
	// Version 1 as if its PDF's bytes had been changed after publishing.
	const q = `INSERT INTO published_reports (period_id, version, html, pdf, html_sha256, pdf_sha256, publisher, took_ms,
	           section_hashes, accepted, figure_hashes, changes) VALUES ($1, 1, $2, $3, $4, $5, 'Test', 1, '{}', '[]', '{}', '[]')`
	if _, err := b.st.Pool().Exec(ctx, q, period.ID, html, pdf, hex.EncodeToString(sumHTML[:]), hex.EncodeToString(sumPDF[:])); err != nil {
		t.Fatal(err)
	}
	m := b.as(domain.RoleManager)
	if res := m.get("/periods/2009-10/published/1.pdf"); res.StatusCode != http.StatusInternalServerError || bytes.Equal(body(t, res), pdf) {
		t.Errorf("the changed PDF: status %d, want 500 without its bytes", res.StatusCode)
	}
	if res := m.get("/periods/2009-10/published/1.html"); res.StatusCode != http.StatusOK || !bytes.Equal(body(t, res), html) {
		t.Errorf("the intact HTML: status %d, want 200 with its bytes", res.StatusCode)
	}
	d := doc(t, m.get("/periods/2009-10/published"))
	if d.Find(`[data-version="1"] [data-testid="published-damaged"]`).Length() != 1 {
		t.Error("the versions page does not mark version 1 as damaged")
	}
}
