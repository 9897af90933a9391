package scaletest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/ledgersync/ledgersync/internal/servetest"
)

// company is one merchant of the test, linked to its own sandbox
// organisation.
type company struct {
	name string
	id   string
	org  servetest.Org
}

// setUp creates n sandbox organisations and n companies, each linked to
// its organisation, configured, and pushed the source's data. The
// requests run concurrently, spread over the processes.
func (f *fleet) setUp(n int, src *servetest.Source) []company {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute+time.Duration(n)*time.Second)
	defer cancel()
	companies := make([]company, n)
	err := parallel(ctx, n, 8, func(i int) error {
		c := &companies[i]
		c.name = fmt.Sprintf("Scale Bakery %d", i)
		org, err := f.sandbox.CreateOrg(ctx, c.name+" Ltd")
		if err != nil {
			return err
		}
		c.org = servetest.Org{TenantID: org.TenantID, Username: org.Username, Password: org.Password}
		api := f.procs[i%len(f.procs)].api
		if c.id, err = api.Link(c.name, c.org); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		return api.SendSource(c.id, src)
	})
	if err != nil {
		f.t.Fatalf("set up: %v\n%s", err, f.tail())
	}
	return companies
}

// ledger is the company's sandbox ledger, as `sandbox export` prints it.
func (f *fleet) ledger(ctx context.Context, c company) (*servetest.Ledger, error) {
	v, err := f.sandbox.Export(ctx, c.org.TenantID)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return servetest.ParseLedger(b)
}

// parallel runs fn(0) … fn(n-1) on at most workers goroutines and
// returns the first error; after one, the others not yet started are not.
func parallel(ctx context.Context, n, workers int, fn func(i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				if err := fn(i); err != nil {
					cancel(err)
				}
			}
		})
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}
