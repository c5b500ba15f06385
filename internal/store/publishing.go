package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// Published versions of a period's annual report (issue 6). The table is
// append-only: this file has no UPDATE or DELETE of it, and a trigger of
// migration 0006 refuses both.

// Publication is what publishing stores: the files, the facts the next
// version is compared by, and how long publishing took.
type Publication struct {
	HTML     []byte
	PDF      []byte
	PDFPages int
	Facts    domain.PublishFacts
	Took     time.Duration
}

// SHA256 is the lowercase hex SHA-256 of b.
func SHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PublishFacts gathers what the period's report holds beyond its text: the
// agencies whose returns are accepted, and a hash of each indicator's figures
// in the period. The caller adds the sections' hashes.
func (s *Store) PublishFacts(ctx context.Context, period domain.Period) (domain.PublishFacts, error) {
	f := domain.PublishFacts{Figures: map[string]string{}}
	rows, err := s.pool.Query(ctx, `SELECT a.name FROM returns r JOIN agencies a ON a.id = r.agency_id
		WHERE r.period_id = $1 AND r.status = 'accepted' ORDER BY a.display_order, a.name`, period.ID)
	if err != nil {
		return f, fmt.Errorf("accepted returns: %w", err)
	}
	if f.Accepted, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return f, fmt.Errorf("accepted returns: %w", err)
	}
	rows, err = s.pool.Query(ctx, `SELECT i.code, md5(string_agg(concat_ws(':', v.on_date, v.option1_id, v.option2_id, v.option3_id, v.value::text), ','
			ORDER BY v.on_date, v.option1_id NULLS FIRST, v.option2_id NULLS FIRST, v.option3_id NULLS FIRST))
		FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
		WHERE v.on_date BETWEEN $1 AND $2 GROUP BY i.code`, period.StartsOn, period.EndsOn)
	if err != nil {
		return f, fmt.Errorf("figures: %w", err)
	}
	var code, hash string
	_, err = pgx.ForEachRow(rows, []any{&code, &hash}, func() error {
		f.Figures[code] = hash
		return nil
	})
	if err != nil {
		return f, fmt.Errorf("figures: %w", err)
	}
	return f, nil
}

// Publish stores the next version of the period's report, numbered one more
// than the last (versions of a period are published one at a time), with
// what changed since the last version. It returns the new version.
func (s *Store) Publish(ctx context.Context, actor domain.Actor, periodID int64, p Publication) (*domain.PublishedReport, error) {
	out := &domain.PublishedReport{PeriodID: periodID, HTMLSHA256: SHA256(p.HTML), PDFSHA256: SHA256(p.PDF),
		HTMLSize: len(p.HTML), PDFSize: len(p.PDF), PDFPages: p.PDFPages, Took: p.Took}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('published_reports', $1))`, periodID); err != nil {
			return err
		}
		var last int
		var sections, accepted, figures []byte
		err := tx.QueryRow(ctx, `SELECT version, section_hashes, accepted, figure_hashes FROM published_reports
			WHERE period_id = $1 ORDER BY version DESC LIMIT 1`, periodID).Scan(&last, &sections, &accepted, &figures)
		switch {
		case err == pgx.ErrNoRows:
			out.Changes = []string{}
		case err != nil:
			return err
		default:
			var prev domain.PublishFacts
			if err := json.Unmarshal(sections, &prev.Sections); err != nil {
				return err
			}
			if err := json.Unmarshal(accepted, &prev.Accepted); err != nil {
				return err
			}
			if err := json.Unmarshal(figures, &prev.Figures); err != nil {
				return err
			}
			out.Changes = domain.ChangesSince(prev, p.Facts)
		}
		out.Version = last + 1
		facts := p.Facts
		if facts.Sections == nil {
			facts.Sections = []domain.SectionHash{}
		}
		if facts.Accepted == nil {
			facts.Accepted = []string{}
		}
		if facts.Figures == nil {
			facts.Figures = map[string]string{}
		}
		err = tx.QueryRow(ctx, `INSERT INTO published_reports (period_id, version, html, pdf, html_sha256, pdf_sha256, pdf_pages,
				published_by, publisher, took_ms, section_hashes, accepted, figure_hashes, changes)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
				coalesce((SELECT name FROM users WHERE id = $8), $9), $10, $11, $12, $13, $14)
			RETURNING publisher, published_at`,
			periodID, out.Version, p.HTML, p.PDF, out.HTMLSHA256, out.PDFSHA256, p.PDFPages, actor.UserID, actor.Label,
			p.Took.Milliseconds(), facts.Sections, facts.Accepted, facts.Figures, out.Changes).Scan(&out.Publisher, &out.PublishedAt)
		if err != nil {
			return mapError(err)
		}
		if err := audit(ctx, tx, actor, "report.publish", "period", periodID, map[string]any{
			"version": out.Version, "html_sha256": out.HTMLSHA256, "pdf_sha256": out.PDFSHA256, "took_ms": p.Took.Milliseconds(),
		}); err != nil {
			return err
		}
		return notifyPublished(ctx, tx, periodID, out.Version)
	})
	if err != nil {
		return nil, fmt.Errorf("publish the report of period %d: %w", periodID, err)
	}
	return out, nil
}

const publishedColumns = `period_id, version, html_sha256, pdf_sha256, length(html), length(pdf), pdf_pages, publisher, published_at, took_ms, changes,
	encode(sha256(html), 'hex') <> html_sha256 OR encode(sha256(pdf), 'hex') <> pdf_sha256`

func scanPublished(row pgx.CollectableRow) (domain.PublishedReport, error) {
	var p domain.PublishedReport
	var took int64
	err := row.Scan(&p.PeriodID, &p.Version, &p.HTMLSHA256, &p.PDFSHA256, &p.HTMLSize, &p.PDFSize, &p.PDFPages, &p.Publisher, &p.PublishedAt, &took, &p.Changes, &p.Damaged)
	p.Took = time.Duration(took) * time.Millisecond
	return p, err
}

// PublishedReports lists the period's published versions, newest first, without their files.
func (s *Store) PublishedReports(ctx context.Context, periodID int64) ([]domain.PublishedReport, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+publishedColumns+` FROM published_reports WHERE period_id = $1 ORDER BY version DESC`, periodID)
	if err != nil {
		return nil, fmt.Errorf("published reports: %w", err)
	}
	out, err := pgx.CollectRows(rows, scanPublished)
	if err != nil {
		return nil, fmt.Errorf("published reports: %w", err)
	}
	return out, nil
}

// PublishedCounts is how many versions of each period's report are
// published, by period id; a period with none is absent.
func (s *Store) PublishedCounts(ctx context.Context) (map[int64]int, error) {
	return s.countsByID(ctx, "published counts", `SELECT period_id, count(*) FROM published_reports GROUP BY period_id`)
}

// PublishedFile is one published version's HTML or PDF ("html" or "pdf"),
// exactly as stored, with its SHA-256 as recorded at publishing.
func (s *Store) PublishedFile(ctx context.Context, periodID int64, version int, kind string) (content []byte, sha string, err error) {
	var q string
	switch kind {
	case "html":
		q = `SELECT html, html_sha256 FROM published_reports WHERE period_id = $1 AND version = $2`
	case "pdf":
		q = `SELECT pdf, pdf_sha256 FROM published_reports WHERE period_id = $1 AND version = $2`
	default:
		return nil, "", fmt.Errorf("published file kind %q: %w", kind, domain.ErrNotFound)
	}
	if err := s.pool.QueryRow(ctx, q, periodID, version).Scan(&content, &sha); err != nil {
		return nil, "", fmt.Errorf("published version %d: %w", version, mapError(err))
	}
	return content, sha, nil
}
