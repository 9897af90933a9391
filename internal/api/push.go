package api

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// PushBodyLimit caps a push's body (SPEC §2: 16 MiB for pushes, 1 MiB
// otherwise). The server caps every body first, so pushes get it only when
// the server's cap for them, chosen with IsPush, is at least as large.
const PushBodyLimit = 16 << 20

// IsPush reports whether r is one of the commerce data pushes of SPEC
// §3.6, for the server to choose its body cap.
func IsPush(r *http.Request) bool {
	p := r.URL.Path
	switch r.Method {
	case http.MethodPost:
		return strings.HasPrefix(p, "/data/companies/") && strings.Contains(p, "/sync/commerce-")
	case http.MethodPut:
		return strings.HasPrefix(p, "/companies/") && strings.Contains(p, "/data/commerce-")
	}
	return false
}

// defaultContractVersion is echoed when a push names no contractVersion.
const defaultContractVersion = "1.0"

// pushBody is the body of every push (SPEC §3.6): the records under their
// data type's property. Names match case-insensitively, so DH's PascalCase
// bodies decode too.
type pushBody struct {
	ContractVersion   string            `json:"contractVersion"`
	Orders            []json.RawMessage `json:"orders"`
	Payments          []json.RawMessage `json:"payments"`
	Transactions      []json.RawMessage `json:"transactions"`
	ProductCategories []json.RawMessage `json:"productCategories"`
	Locations         []json.RawMessage `json:"locations"`
	TaxComponents     []json.RawMessage `json:"taxComponents"`
}

// records returns the list of the data type; nil when the body lacks it.
func (b *pushBody) records(dataType string) []json.RawMessage {
	switch dataType {
	case ledgersync.DataOrders:
		return b.Orders
	case ledgersync.DataPayments:
		return b.Payments
	case ledgersync.DataTransactions:
		return b.Transactions
	case ledgersync.DataProductCategories:
		return b.ProductCategories
	case ledgersync.DataLocations:
		return b.Locations
	}
	return b.TaxComponents
}

// push handles a push of one data type: POST …/sync/commerce-{orders,
// payments,transactions} and PUT …/data/commerce-{productCategories,
// locations,taxComponents}. The records are validated whole before
// anything is stored, then stored with their dataset in one transaction.
func (a *API) push(dataType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, clientID, companyID := r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId")
		r.Body = http.MaxBytesReader(w, r.Body, PushBodyLimit)
		if _, err := a.store.CommerceConnectionID(ctx, clientID, companyID); err != nil {
			a.writeError(w, r, err)
			return
		}
		body, raw, err := decodePush(r, dataType)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		recs, err := ledgersync.ValidatePush(dataType, raw)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		ds, err := a.store.PushCommerceData(ctx, clientID, companyID, dataType, recs)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		writePushResponse(w, dataType, body.ContractVersion, recs, ds)
	}
}

// decodePush reads a push's body and returns its list of records, which
// must be present, though it may be empty.
func decodePush(r *http.Request, dataType string) (*pushBody, []json.RawMessage, error) {
	var body pushBody
	found, err := decode(r, &body)
	if err != nil {
		return nil, nil, err
	}
	property := ledgersync.PushProperty(dataType)
	if !found {
		return nil, nil, ledgersync.FieldError(property, "A body with %s is required.", property)
	}
	raw := body.records(dataType)
	if raw == nil {
		return nil, nil, ledgersync.FieldError(property, "%s must be an array of records.", property)
	}
	return &body, raw, nil
}

// writePushResponse echoes the normalised records: {"data":{property:[…],
// "contractVersion"},"datasetId"}. The records are already compact JSON,
// so they are copied rather than encoded again: a push echoes up to 16 MiB.
func writePushResponse(w http.ResponseWriter, dataType, contractVersion string, recs []ledgersync.PushedRecord, ds *ledgersync.Dataset) {
	if contractVersion == "" {
		contractVersion = defaultContractVersion
	}
	size := 0
	for _, rec := range recs {
		size += len(rec.JSON) + 1
	}
	b := make([]byte, 0, size+256)
	b = append(b, `{"data":{"`...)
	b = append(b, ledgersync.PushProperty(dataType)...)
	b = append(b, `":[`...)
	for i, rec := range recs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, rec.JSON...)
	}
	b = append(b, `],"contractVersion":`...)
	b = appendJSONString(b, contractVersion)
	b = append(b, `},"datasetId":`...)
	b = appendJSONString(b, ds.ID)
	b = append(b, "}\n"...)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// appendJSONString appends s as a JSON string; encoding a string cannot
// fail.
func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// datasetJSON is the contract's dataset status (SPEC §3.6).
type datasetJSON struct {
	ID           string `json:"id"`
	CompanyID    string `json:"companyId"`
	ConnectionID string `json:"connectionId"`
	DataType     string `json:"dataType"`
	Status       string `json:"status"`
	Requested    string `json:"requested"`
	Completed    string `json:"completed"`
	Progress     int    `json:"progress"`
	IsCompleted  bool   `json:"isCompleted"`
	IsErrored    bool   `json:"isErrored"`
}

// getDataset is GET /meta/companies/{companyId}/pull/history/{datasetId}.
// Every stored dataset is complete: a push is stored whole or not at all.
func (a *API) getDataset(w http.ResponseWriter, r *http.Request) {
	ds, err := a.store.FindDataset(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), r.PathValue("datasetId"))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, datasetJSON{ID: ds.ID, CompanyID: ds.CompanyID, ConnectionID: ds.ConnectionID, DataType: ds.DataType,
		Status: ds.Status, Requested: formatTime(ds.Requested), Completed: formatTime(ds.Completed),
		Progress: 100, IsCompleted: true, IsErrored: false})
}
