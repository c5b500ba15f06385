// Package demo loads the demo board: the Medway Safeguarding Children Board's
// 2009/10 cycle, rebuilt from its published annual review.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/argon2id"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

// DefaultPassword is the demo accounts' password when SAFEBOARD_DEMO_PASSWORD is unset.
const DefaultPassword = "safeguarding-demo"

// BoardName is the demo board's name.
const BoardName = "Medway Safeguarding Children Board"

// emailDomain ends every demo account's email address.
const emailDomain = "demo.test"

// Login is one demo account.
type Login struct {
	Email  string
	Role   domain.Role
	Name   string
	Agency string // the agency's name, for a lead
}

// Account says who a login signs in as, such as "Board manager" or "Agency lead, Kent Police".
func (l Login) Account() string {
	if l.Agency != "" {
		return l.Role.Title() + ", " + l.Agency
	}
	return l.Role.Title()
}

type agency struct {
	slug, name, short, sector, group string
}

// healthEconomy is the seed's group for the NHS bodies (section 3.1).
const healthEconomy = "The Medway health economy"

// agencies are the board's partner agencies in the order of the seed's section 3.
var agencies = []agency{
	{"nhs-medway", "NHS Medway", "NHS Medway", "Health", healthEconomy},
	{"medway-community-healthcare", "Medway Community Healthcare", "MCH", "Health", healthEconomy},
	{"kmpt", "Kent and Medway NHS and Social Care Partnership Trust", "KMPT", "Health", healthEconomy},
	{"medway-nhs-ft", "Medway NHS Foundation Trust", "Medway FT", "Health", healthEconomy},
	{"hmyoi-cookham-wood", "HMYOI Cookham Wood", "Cookham Wood", "Secure estate", ""},
	{"medway-stc", "Medway Secure Training Centre", "Medway STC", "Secure estate", ""},
	{"medway-childrens-services", "Medway Council Children and Adults’ Services", "Children’s services", "Local authority", ""},
	{"cvs-medway", "CVS Medway", "CVS Medway", "Voluntary sector", ""},
	{"kent-probation", "Kent Probation Service", "Probation", "Probation", ""},
	{"cafcass", "CAFCASS", "CAFCASS", "Family courts", ""},
	{"kent-police", "Kent Police", "Kent Police", "Police", ""},
	{"medway-yot", "Medway Youth Offending Team", "YOT", "Youth justice", ""},
}

// ErrRealAccounts stops the demo from adding known passwords to a database in real use.
var ErrRealAccounts = errors.New("this database has accounts that are not demo accounts: load the demo board into a database of its own")

// Load adds the demo board, or completes it; running it again changes nothing
// but the demo accounts' passwords. Each agency's 2009/10 return is added only
// when the agency has none, and each performance indicator only when its code
// is new, so changes made in the demo are kept. It returns the demo logins.
func Load(ctx context.Context, st *store.Store, password string) ([]Login, error) {
	if n, err := st.UsersOutsideDomain(ctx, emailDomain); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, ErrRealAccounts
	}
	actor := domain.Actor{Label: "demo loader"}
	if err := st.SetBoardName(ctx, actor, BoardName); err != nil {
		return nil, err
	}
	agencyIDs := map[string]int64{}
	for i, a := range agencies {
		id, err := st.EnsureAgency(ctx, actor, store.AgencyFields{
			Name: a.name, Slug: a.slug, ShortName: a.short, Sector: a.sector, GroupName: a.group,
			DisplayOrder: (i + 1) * 10, Active: true,
		})
		if err != nil {
			return nil, err
		}
		agencyIDs[a.slug] = id
	}
	// The demo returns are for 2009/10, the open period. The closed 2008/09
	// holds the previous year's performance figures (tables 1 and 3).
	var returnsPeriodID int64
	for _, p := range []struct {
		year     int
		deadline time.Time
		open     bool
	}{
		{2008, time.Date(2009, time.April, 17, 0, 0, 0, 0, time.UTC), false},
		{2009, time.Date(2010, time.April, 16, 0, 0, 0, 0, time.UTC), true},
		{2010, time.Date(2011, time.April, 15, 0, 0, 0, 0, time.UTC), false},
	} {
		period := domain.PeriodForYear(p.year)
		deadline := p.deadline
		id, err := st.EnsurePeriod(ctx, actor, store.PeriodFields{
			Label: period.Label, StartsOn: period.StartsOn, EndsOn: period.EndsOn, Deadline: &deadline, IsOpen: p.open,
		})
		if err != nil {
			return nil, err
		}
		if p.year == 2009 {
			returnsPeriodID = id
		}
	}

	hash, err := argon2id.CreateHash(password, argon2id.DefaultParams)
	if err != nil {
		return nil, fmt.Errorf("hash demo password: %w", err)
	}
	logins := []Login{
		{Email: "manager@" + emailDomain, Role: domain.RoleManager, Name: "Board manager"},
		{Email: "chair@" + emailDomain, Role: domain.RoleChair, Name: "Independent chair"},
		{Email: "member@" + emailDomain, Role: domain.RoleMember, Name: "Board member"},
	}
	for _, l := range logins {
		if _, err := st.EnsureUser(ctx, actor, store.NewUser{Email: l.Email, Name: l.Name, Role: l.Role, PasswordHash: hash}); err != nil {
			return nil, err
		}
	}
	for _, a := range agencies {
		id := agencyIDs[a.slug]
		l := Login{Email: "lead@" + a.slug + "." + emailDomain, Role: domain.RoleLead, Name: "Safeguarding lead, " + a.short, Agency: a.name}
		if _, err := st.EnsureUser(ctx, actor, store.NewUser{Email: l.Email, Name: l.Name, Role: l.Role, AgencyID: &id, PasswordHash: hash}); err != nil {
			return nil, err
		}
		logins = append(logins, l)
	}
	if err := loadReturns(ctx, st, returnsPeriodID, agencyIDs); err != nil {
		return nil, err
	}
	if err := loadPerformance(ctx, st, agencyIDs); err != nil {
		return nil, err
	}
	if err := loadSection4(ctx, st, returnsPeriodID); err != nil {
		return nil, err
	}
	if err := loadChallenges(ctx, st, returnsPeriodID, agencyIDs); err != nil {
		return nil, err
	}
	if err := loadReport(ctx, st, returnsPeriodID); err != nil {
		return nil, err
	}
	if err := loadPublishing(ctx, st, returnsPeriodID); err != nil {
		return nil, err
	}
	return logins, nil
}
