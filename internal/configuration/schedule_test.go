package configuration_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// TestEnablingSchedulesTheFirstSync saves a schedule and checks the
// durable schedule the sync engine reads: the first due date after S0
// and after the moment it was enabled, and no due date once disabled.
func TestEnablingSchedulesTheFirstSync(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c, _ := s.CreateClient(ctx, "Partner", 0)
		co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai")
		if err != nil {
			t.Fatal(err)
		}
		svc := configuration.New(s, platform.NewRegistry(s, nil))
		l, err := svc.Load(ctx, c.ID, co.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Not ready, so saved disabled: no due date.
		body, _ := json.Marshal(map[string]any{"schedule": map[string]any{"startDate": "2024-05-01", "syncHour": 2,
			"timeZone": "Europe/London", "selectedFrequency": "Daily"}})
		if _, _, err := svc.Apply(ctx, l, body); err != nil {
			t.Fatal(err)
		}
		st, err := s.FindScheduleState(ctx, co.ID)
		if err != nil || st.NextDueAt != nil {
			t.Fatalf("disabled company has a due date: %+v %v", st, err)
		}
	})
}
