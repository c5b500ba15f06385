package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"safeboard/internal/domain"
	"safeboard/internal/store"
	"safeboard/internal/testdb"
)

func TestMigrationsGoUpDownAndUpAgain(t *testing.T) {
	t.Parallel()
	_, owner := testdb.URLs(t) // migrations run as the schema's owner
	db, err := sql.Open("pgx", owner)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := store.NewMigrator(db)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := store.Versions()
	if err != nil {
		t.Fatal(err)
	}
	// The one before the latest: versions may skip numbers.
	latest, previous := vs[len(vs)-1], vs[len(vs)-2]
	steps := []struct {
		name string
		run  func() error
		want uint
	}{
		{"down to nothing", m.DownAll, 0},
		{"up to the latest", m.Up, latest},
		{"down one step", m.Down, previous},
		{"up again", m.Up, latest},
	}
	for _, step := range steps {
		if err := step.run(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		got, dirty, _, err := m.Status()
		if err != nil || dirty || got != step.want {
			t.Fatalf("%s: version %d dirty %t err %v, want version %d", step.name, got, dirty, err, step.want)
		}
	}
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('agencies','users','sessions','periods','audit_events')`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 5 {
		t.Fatalf("after up again: %d of the 5 platform tables exist", tables)
	}
}

func TestEmailsAreUniqueWithoutRegardToCase(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	nu := store.NewUser{Email: "Chair@Example.org", Name: "Chair", Role: domain.RoleChair, PasswordHash: "x"}
	if _, err := st.CreateUser(ctx, domain.CommandLine, nu); err != nil {
		t.Fatal(err)
	}
	nu.Email = "chair@example.ORG"
	_, err := st.CreateUser(ctx, domain.CommandLine, nu)
	var dup *domain.DuplicateError
	if !errors.As(err, &dup) || dup.Field != "email" {
		t.Fatalf("second user with the same email in other case: got %v, want a duplicate email error", err)
	}
	u, err := st.UserByEmail(ctx, "CHAIR@example.org")
	if err != nil || u.Name != "Chair" {
		t.Fatalf("look up by email in other case: %v %v", u, err)
	}
}

func TestAnAgencyIsRequiredExactlyForLeads(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	agencyID, err := st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "Kent Police", Slug: "kent-police", ShortName: "Police", Sector: "Police", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		role   domain.Role
		agency *int64
		ok     bool
	}{
		{"a lead with an agency is accepted", domain.RoleLead, &agencyID, true},
		{"a lead without an agency is refused", domain.RoleLead, nil, false},
		{"a chair with an agency is refused", domain.RoleChair, &agencyID, false},
		{"a member without an agency is accepted", domain.RoleMember, nil, true},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := st.CreateUser(ctx, domain.CommandLine, store.NewUser{
				Email: string(rune('a'+i)) + "@example.org", Name: "Someone", Role: c.role, AgencyID: c.agency, PasswordHash: "x",
			})
			if c.ok && err != nil {
				t.Fatalf("got %v, want success", err)
			}
			if !c.ok && !errors.Is(err, domain.ErrConflict) {
				t.Fatalf("got %v, want a conflict", err)
			}
		})
	}
}

func TestChangesWriteAuditEventsWithBeforeAndAfter(t *testing.T) {
	t.Parallel()
	st := testdb.New(t)
	ctx := context.Background()
	id, err := st.CreateAgency(ctx, domain.CommandLine, store.AgencyFields{Name: "CAFCASS", Slug: "cafcass", ShortName: "CAFCASS", Sector: "Family courts", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	err = st.UpdateAgency(ctx, domain.CommandLine, id, store.AgencyFields{Name: "CAFCASS", Slug: "cafcass", ShortName: "Cafcass", Sector: "Family courts", Active: false})
	if err != nil {
		t.Fatal(err)
	}
	events, err := st.AuditEvents(ctx, "agency", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Action != "agency.update" || events[1].Action != "agency.create" {
		t.Fatalf("events: %+v", events)
	}
	changes, _ := events[0].Details["changes"].(map[string]any)
	active, _ := changes["active"].(map[string]any)
	if active["from"] != true || active["to"] != false || len(changes) != 2 {
		t.Fatalf("update details: %v", events[0].Details)
	}
	if events[0].ActorLabel != "command line" || *events[0].EntityID != id {
		t.Fatalf("actor or entity: %+v", events[0])
	}
}
