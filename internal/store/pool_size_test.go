package store

import (
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

func TestThePoolHasRoomForPagesSideBySideUnlessTheAddressSaysOtherwise(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]int32{
		"postgres://u@localhost/db":                   MinPoolConns,
		"postgres://u@localhost/db?pool_max_conns=3":  3,
		"postgres://u@localhost/db?pool_max_conns=40": 40,
	} {
		cfg, err := pgxpool.ParseConfig(url)
		if err != nil {
			t.Fatal(err)
		}
		sizePool(cfg, url)
		if cfg.MaxConns != want {
			t.Errorf("%s: %d connections at most, want %d", url, cfg.MaxConns, want)
		}
	}
}
