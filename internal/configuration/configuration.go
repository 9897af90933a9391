// Package configuration loads and saves a company's sync configuration
// with its options drawn from the live accounting data, for the partner
// API and the merchant flow alike.
package configuration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/store"
)

// Service reads and writes configurations.
type Service struct {
	store     *store.Store
	platforms *platform.Registry
}

// New returns the service.
func New(s *store.Store, p *platform.Registry) *Service { return &Service{store: s, platforms: p} }

// Loaded is a company's configuration with what it was built from.
type Loaded struct {
	Company    *ledgersync.Company
	Accounting *ledgersync.Connection
	Config     *ledgersync.Configuration
	// Version is the stored version, for optimistic saves and ETags.
	Version int
	Sources ledgersync.OptionSources
	// Ready is true when both connections are Linked.
	Ready bool
}

// Load returns a company's configuration with fresh options: platform data
// older than maxAge is read again (zero reads it always). When the
// platform cannot be reached the last stored data is used.
func (s *Service) Load(ctx context.Context, clientID, companyID string, maxAge time.Duration) (*Loaded, error) {
	co, err := s.store.FindCompanyByID(ctx, clientID, companyID)
	if err != nil {
		return nil, err
	}
	l := &Loaded{Company: co}
	commerceLinked := false
	for _, c := range co.Connections {
		switch {
		case c.SourceType == ledgersync.SourceCommerce && c.Status == ledgersync.StatusLinked:
			commerceLinked = true
		case c.SourceType == ledgersync.SourceAccounting && c.Status != ledgersync.StatusUnlinked:
			l.Accounting = c
		}
	}
	if l.Config, l.Version, err = s.store.FindConfiguration(ctx, companyID); err != nil {
		return nil, err
	}
	if l.Sources, err = s.sources(ctx, clientID, l.Accounting, maxAge); err != nil {
		return nil, err
	}
	if err := s.pushed(ctx, companyID, &l.Sources); err != nil {
		return nil, err
	}
	l.Ready = commerceLinked && l.Accounting != nil && l.Accounting.Status == ledgersync.StatusLinked
	ledgersync.RefreshOptions(l.Config, l.Sources)
	return l, nil
}

func (s *Service) sources(ctx context.Context, clientID string, acct *ledgersync.Connection, maxAge time.Duration) (ledgersync.OptionSources, error) {
	var src ledgersync.OptionSources
	if p, err := s.store.FindProfile(ctx, clientID); err == nil {
		src.CommerceName = p.Name
	}
	if acct == nil {
		return src, nil
	}
	src.IntegrationKey = acct.IntegrationKey
	if acct.Status != ledgersync.StatusLinked {
		return src, nil
	}
	snap, err := s.platforms.Snapshot(ctx, acct, maxAge)
	var pe *ledgersync.PlatformError
	if errors.As(err, &pe) {
		snap, err = s.lastSnapshot(ctx, acct)
	}
	if err != nil || snap == nil {
		return src, err
	}
	src.Organisation, src.Accounts, src.TaxRates, src.Contacts = snap.Organisation, snap.Accounts, snap.TaxRates, snap.Contacts
	return src, nil
}

// pushed adds what the partner pushed to the option sources: the tax
// percentages seen on lines and service charges, the tax components and
// the product categories (SPEC §6.3).
func (s *Service) pushed(ctx context.Context, companyID string, src *ledgersync.OptionSources) error {
	var err error
	if src.TaxPercentages, err = s.store.CommerceTaxPercentages(ctx, companyID); err != nil {
		return err
	}
	components, err := s.store.TaxComponents(ctx, companyID)
	if err != nil {
		return err
	}
	for i := range components {
		src.TaxComponents = append(src.TaxComponents, components[i].Pushed())
	}
	categories, err := s.store.ProductCategories(ctx, companyID)
	if err != nil {
		return err
	}
	for i := range categories {
		src.ProductCategories = append(src.ProductCategories, categories[i].Pushed())
	}
	return nil
}

// lastSnapshot is the stored platform data, however old; nil if none.
func (s *Service) lastSnapshot(ctx context.Context, acct *ledgersync.Connection) (*platform.Snapshot, error) {
	var snap platform.Snapshot
	_, ok, err := s.store.FindSnapshot(ctx, acct.ID, &snap)
	if err != nil || !ok {
		return nil, err
	}
	return &snap, nil
}

// Apply merges a body into the loaded configuration, validates it and
// saves it, unless it changed since it was loaded. It returns the saved
// configuration and its new version.
func (s *Service) Apply(ctx context.Context, l *Loaded, body []byte) (*ledgersync.Configuration, int, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return l.Config, l.Version, nil
	}
	next, err := ledgersync.ApplyConfiguration(l.Config, body, l.Sources, l.Ready)
	if err != nil {
		return nil, 0, err
	}
	if sameJSON(next, l.Config) {
		// Nothing changed: keep the version, unless someone else saved
		// meanwhile, in which case this caller's view is stale.
		if err := s.store.CheckConfigurationVersion(ctx, l.Company.ID, l.Version); err != nil {
			return nil, 0, err
		}
		return l.Config, l.Version, nil
	}
	version, err := s.store.SaveConfiguration(ctx, next, l.Version)
	if err != nil {
		return nil, 0, err
	}
	if err := s.reschedule(ctx, next, s.store.Clock()); err != nil {
		return nil, 0, err
	}
	return next, version, nil
}

// sameJSON reports whether two configurations encode alike.
func sameJSON(a, b *ledgersync.Configuration) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}
