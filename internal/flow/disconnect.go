package flow

import (
	"context"
	"net/http"

	"github.com/ledgersync/ledgersync"
)

// disconnectPage asks the merchant to confirm ending the accounting
// connection (SPEC §5.2, item 6).
type disconnectPage struct {
	Platform string
	Action   string
	Back     string
}

func (f *Flow) confirmDisconnect(w http.ResponseWriter, r *http.Request, q *request) {
	conn, ok := f.endableConnection(w, r, q)
	if !ok {
		return
	}
	base := "/flow/c/" + q.session.CompanyID + "/"
	f.render(w, r, http.StatusOK, "disconnect", q.view(disconnectPage{Platform: platformName(conn.IntegrationKey),
		Action: base + "disconnect", Back: base + "settings"}))
}

// disconnect revokes the platform's grant, best effort, and sets the
// connection Unlinked, which records DataConnectionStatusChanged and Sync
// Connection Deleted. The configuration, enable and the data are kept, so
// Reconnect is all it takes to resume.
func (f *Flow) disconnect(w http.ResponseWriter, r *http.Request, q *request) {
	conn, ok := f.endableConnection(w, r, q)
	if !ok {
		return
	}
	// Unlinking drops the stored token, so it is revoked first.
	f.revoke(r.Context(), conn)
	if _, err := f.store.UnlinkConnection(r.Context(), q.session.ClientID, q.session.CompanyID, conn.ID); err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	http.Redirect(w, r, "/flow/c/"+q.session.CompanyID+"/settings", http.StatusSeeOther)
}

// endableConnection returns the company's active accounting connection;
// without one the merchant is sent back to the settings page.
func (f *Flow) endableConnection(w http.ResponseWriter, r *http.Request, q *request) (*ledgersync.Connection, bool) {
	_, conn, err := f.accountingConnection(r, q)
	switch {
	case ledgersync.ErrorCode(err) == ledgersync.ENotFound:
		http.Redirect(w, r, "/flow/c/"+q.session.CompanyID+"/settings", http.StatusSeeOther)
	case err != nil:
		f.fail(w, r, q.brand, q.locale, err)
	default:
		return conn, true
	}
	return nil, false
}

// revoke ends the platform's grant of a Linked connection. A failure is
// logged, never shown: the connection is unlinked either way.
func (f *Flow) revoke(ctx context.Context, conn *ledgersync.Connection) {
	if err := f.opts.Registry.Revoke(ctx, conn); err != nil {
		f.log.Warn("flow: revoke at platform failed", "connection_id", conn.ID, "platform", conn.IntegrationKey, "error", err)
	}
}

// reconnect reruns the authorization step. An Unlinked company first gets
// a new pending connection to the platform it used, as a new start link
// would give it.
func (f *Flow) reconnect(w http.ResponseWriter, r *http.Request, q *request) {
	_, _, err := f.accountingConnection(r, q)
	if ledgersync.ErrorCode(err) == ledgersync.ENotFound {
		err = f.newAccountingConnection(r.Context(), q)
	}
	if err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	f.connect(w, r, q)
}

func (f *Flow) newAccountingConnection(ctx context.Context, q *request) error {
	co, err := f.store.FindCompanyByID(ctx, q.session.ClientID, q.session.CompanyID)
	if err != nil {
		return err
	}
	last := lastAccounting(co)
	if last == nil {
		return ledgersync.Errorf(ledgersync.ENotFound, "No accounting connection.")
	}
	client, err := f.store.FindClientByID(ctx, q.session.ClientID)
	if err != nil {
		return err
	}
	_, err = f.store.CreateConnection(ctx, client, co.ID, last.IntegrationKey)
	return err
}
