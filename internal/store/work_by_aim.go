package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"safeboard/internal/domain"
)

// AimEntry is a review item or an objective an agency tagged with an aim.
type AimEntry struct {
	AgencyID   int64
	AgencyName string
	Title      string // the item's title, or what the objective intends
	Detail     string // the item's answer to "Is anyone better off?" (else how much), or the objective's outcomes
}

// AimWork is one strategic aim with what agencies did towards it in the
// period (review items) and plan for the next (objectives).
type AimWork struct {
	domain.StrategicAim
	Items      []AimEntry
	Objectives []AimEntry
}

// WorkByAim lists, aim by aim in the aims' order, the review items and
// objectives of the period's returns whose status is one of statuses that
// agencies tagged with the aim, in agency then return order.
func (s *Store) WorkByAim(ctx context.Context, periodID int64, statuses []domain.ReturnStatus) ([]AimWork, error) {
	aims, err := s.Aims(ctx, periodID)
	if err != nil {
		return nil, err
	}
	out := make([]AimWork, len(aims))
	at := map[int64]*AimWork{}
	for i, a := range aims {
		out[i].StrategicAim = a
		at[a.ID] = &out[i]
	}
	rows, err := s.pool.Query(ctx, `
		SELECT e.kind, e.aim_id, a.id, a.name, e.title, e.detail FROM (
			SELECT 'item' AS kind, i.aim_id, r.agency_id, i.position, i.title,
				CASE WHEN btrim(i.better_off) <> '' THEN i.better_off WHEN btrim(i.how_well) <> '' THEN i.how_well ELSE i.how_much END AS detail
			FROM review_items i JOIN returns r ON r.id = i.return_id
			WHERE r.period_id = $1 AND r.status = ANY($2) AND i.aim_id IS NOT NULL
			UNION ALL
			SELECT 'objective', o.aim_id, r.agency_id, o.position, o.intend, o.outcomes
			FROM objectives o JOIN returns r ON r.id = o.return_id
			WHERE r.period_id = $1 AND r.status = ANY($2) AND o.aim_id IS NOT NULL
		) e JOIN agencies a ON a.id = e.agency_id
		ORDER BY a.display_order, a.name, e.position`, periodID, statusTexts(statuses))
	if err != nil {
		return nil, fmt.Errorf("work by aim: %w", err)
	}
	var kind string
	var aimID int64
	var e AimEntry
	_, err = pgx.ForEachRow(rows, []any{&kind, &aimID, &e.AgencyID, &e.AgencyName, &e.Title, &e.Detail}, func() error {
		w := at[aimID]
		if w == nil {
			return nil // an aim of another period cannot be tagged; nothing to file
		}
		if kind == "item" {
			w.Items = append(w.Items, e)
		} else {
			w.Objectives = append(w.Objectives, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("work by aim: %w", err)
	}
	return out, nil
}

// TagAimsByWords tags the untagged review items and objectives of the
// period's returns whose text holds one of an aim's words (matched
// case-insensitively; the aims are tried in order, words[0] for the first
// aim), unless something in the period is tagged already. The demo board
// uses it to tag its returns as their leads would have. It reports how many
// entries it tagged.
func (s *Store) TagAimsByWords(ctx context.Context, periodID int64, words [][]string) (int, error) {
	aims, err := s.Aims(ctx, periodID)
	if err != nil {
		return 0, err
	}
	tagged := 0
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		var any bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM review_items i JOIN returns r ON r.id = i.return_id WHERE r.period_id = $1 AND i.aim_id IS NOT NULL)
			OR EXISTS (SELECT 1 FROM objectives o JOIN returns r ON r.id = o.return_id WHERE r.period_id = $1 AND o.aim_id IS NOT NULL)`, periodID).Scan(&any)
		if err != nil || any {
			return err
		}
		for k, list := range words {
			if k >= len(aims) {
				break
			}
			patterns := make([]string, len(list))
			for i, w := range list {
				patterns[i] = "%" + w + "%"
			}
			for _, q := range []string{
				`UPDATE review_items i SET aim_id = $2 FROM returns r WHERE r.id = i.return_id AND r.period_id = $1 AND i.aim_id IS NULL
					AND (i.title || ' ' || i.how_much || ' ' || i.how_well || ' ' || i.better_off) ILIKE ANY($3)`,
				`UPDATE objectives o SET aim_id = $2 FROM returns r WHERE r.id = o.return_id AND r.period_id = $1 AND o.aim_id IS NULL
					AND (o.intend || ' ' || o.quantity || ' ' || o.quality || ' ' || o.outcomes) ILIKE ANY($3)`,
			} {
				tag, err := tx.Exec(ctx, q, periodID, aims[k].ID, patterns)
				if err != nil {
					return err
				}
				tagged += int(tag.RowsAffected())
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("tag work by aim: %w", err)
	}
	return tagged, nil
}
