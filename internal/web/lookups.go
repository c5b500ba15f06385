package web

import (
	"context"

	"safeboard/internal/domain"
)

// The period and the agency an address names are looked up by nearly every
// page; they are kept per data version (versioned), so a page does not pay a
// round trip for them while nothing has changed. Each request gets its own copy.

// periodBySlug is the period whose slug is slug, such as 2009-10.
func (s *Server) periodBySlug(ctx context.Context, slug string) (*domain.Period, error) {
	p, err := s.periods.get(ctx, slug, dataVersion(ctx), func(ctx context.Context) (domain.Period, error) {
		p, err := s.store.PeriodBySlug(ctx, slug)
		if err != nil {
			return domain.Period{}, err
		}
		return *p, nil
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// agencyBySlug is the agency whose slug is slug, such as kent-police.
func (s *Server) agencyBySlug(ctx context.Context, slug string) (*domain.Agency, error) {
	a, err := s.agencies.get(ctx, slug, dataVersion(ctx), func(ctx context.Context) (domain.Agency, error) {
		a, err := s.store.AgencyBySlug(ctx, slug)
		if err != nil {
			return domain.Agency{}, err
		}
		return *a, nil
	})
	if err != nil {
		return nil, err
	}
	return &a, nil
}
