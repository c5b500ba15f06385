package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The draft report's PDF (issue 14): kept in PostgreSQL per period for the
// data version it was made at, so every app server serves one copy until the
// data changes; and made by one server at a time, each user waiting for at
// most one of their own, under advisory locks that every server shares.

// ReportPDF is the draft report's PDF kept for one data version.
type ReportPDF struct {
	Data  []byte
	Pages int
}

// CachedReportPDF is the period's draft PDF made at data version version, if
// one is kept; a copy made at another version is no use.
func (s *Store) CachedReportPDF(ctx context.Context, periodID, version int64) (*ReportPDF, bool, error) {
	var p ReportPDF
	err := s.pool.QueryRow(ctx, `SELECT pdf, pages FROM report_pdf_cache WHERE period_id = $1 AND data_version = $2`, periodID, version).Scan(&p.Data, &p.Pages)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("cached report PDF of period %d: %w", periodID, err)
	}
	return &p, true, nil
}

// KeepReportPDF keeps the period's draft PDF made at data version version,
// unless a copy made at a later version is kept already.
func (s *Store) KeepReportPDF(ctx context.Context, periodID, version int64, p ReportPDF) error {
	const q = `INSERT INTO report_pdf_cache (period_id, data_version, pdf, pages) VALUES ($1, $2, $3, $4)
	           ON CONFLICT (period_id) DO UPDATE SET data_version = excluded.data_version, pdf = excluded.pdf,
	                  pages = excluded.pages, made_at = now()
	            WHERE report_pdf_cache.data_version <= excluded.data_version`
	if _, err := s.pool.Exec(ctx, q, periodID, version, p.Data, p.Pages); err != nil {
		return fmt.Errorf("keep report PDF of period %d: %w", periodID, err)
	}
	return nil
}

// ErrSlotTaken is returned when a lock that is only tried is held elsewhere.
var ErrSlotTaken = errors.New("slot taken")

// PDFSlot is a connection holding session advisory locks for one PDF: the
// user's own, then the board's one slot for draft PDFs. Release frees both.
type PDFSlot struct {
	conn *pgxpool.Conn
}

// TakeUserPDFSlot takes the user's own PDF slot, without waiting: a user who
// is already waiting for a PDF gets ErrSlotTaken.
func (s *Store) TakeUserPDFSlot(ctx context.Context, userID int64) (*PDFSlot, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("PDF slot: %w", err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(hashtextextended('safeboard pdf user ' || $1::bigint::text, 0))`, userID).Scan(&ok); err != nil {
		conn.Release()
		return nil, fmt.Errorf("PDF slot of user %d: %w", userID, err)
	}
	if !ok {
		conn.Release()
		return nil, ErrSlotTaken
	}
	return &PDFSlot{conn: conn}, nil
}

// draftPDFLock is the key text of the board's one slot for making draft PDFs.
const draftPDFLock = "safeboard draft pdf"

// WaitForDraftSlot waits, polling every interval until ctx ends, for the
// board's one slot for making draft PDFs: one whole browser at a time, on
// whichever server. It does not hold a query open while it waits, so a
// waiting request can be cancelled at once. Each try is not cancelled with
// ctx: pgx closes a connection whose query is cancelled, and the slot's
// connection must outlive a wait that gave up.
func (p *PDFSlot) WaitForDraftSlot(ctx context.Context, interval time.Duration) error {
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("waiting for another PDF to finish: %w", err)
		}
		var ok bool
		try, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		err := p.conn.QueryRow(try, `SELECT pg_try_advisory_lock(hashtextextended($1, 0))`, draftPDFLock).Scan(&ok)
		cancel()
		if err != nil {
			return fmt.Errorf("draft PDF slot: %w", err)
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for another PDF to finish: %w", ctx.Err())
		case <-time.After(interval):
		}
	}
}

// Release frees the slots held. When the locks cannot be given back, the
// connection is closed, which frees them all the same.
func (p *PDFSlot) Release() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := p.conn.Exec(ctx, `SELECT pg_advisory_unlock_all()`); err != nil {
		_ = p.conn.Conn().Close(ctx)
	}
	p.conn.Release()
}
