package xero

import (
	"context"
	"runtime"
	"sync"
	"weak"

	"github.com/ledgersync/ledgersync"
)

// postChart is the chart of accounts a connector read for its writes:
// read once, on the first document that depends on account types.
type postChart struct {
	mu       sync.Mutex
	accounts postAccounts
}

// postAccounts are accounts by id.
type postAccounts map[string]ledgersync.Account

// isBank reports whether the account is a bank account; an unknown id is
// not.
func (a postAccounts) isBank(id string) bool { return a[id].Type == ledgersync.AccountBank }

// postCharts holds each connector's chart, keyed weakly so that it goes
// when the connector does.
var postCharts sync.Map // weak.Pointer[connector] → *postChart

// chart returns the connector's accounts, reading them on first use. A
// failed read is not kept: the next call reads again.
func (c *connector) chart(ctx context.Context) (postAccounts, error) {
	pc := c.postChart()
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.accounts != nil {
		return pc.accounts, nil
	}
	list, err := c.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	pc.accounts = make(postAccounts, len(list))
	for _, a := range list {
		pc.accounts[a.ID] = a
	}
	return pc.accounts, nil
}

// postChart returns the connector's cache, creating it on first use.
func (c *connector) postChart() *postChart {
	key := weak.Make(c)
	if v, ok := postCharts.Load(key); ok {
		return v.(*postChart)
	}
	v, loaded := postCharts.LoadOrStore(key, &postChart{})
	if !loaded {
		runtime.AddCleanup(c, func(k weak.Pointer[connector]) { postCharts.Delete(k) }, key)
	}
	return v.(*postChart)
}
