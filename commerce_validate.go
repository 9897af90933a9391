package ledgersync

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// MaxPushRecords is the most records one push may carry (SPEC §3.6).
const MaxPushRecords = 5000

// maxForeignID is the longest id a partner may give a record (SPEC W5).
const maxForeignID = 100

// MessageRecordsInvalid is the ErrorMessage "error" of a push that fails
// validation.
const MessageRecordsInvalid = "Commerce data is invalid."

// InvalidRecordsError is a push refused by validation (SPEC §8.2): one item
// per bad record. It unwraps to an EInvalid *Error, so ErrorCode and
// ErrorMessage apply.
type InvalidRecordsError struct {
	Items []ValidationItem
}

// Error implements the error interface.
func (e *InvalidRecordsError) Error() string {
	return MessageRecordsInvalid + " " + joinMessages(e.Items)
}

// Unwrap returns the domain error: EInvalid, "Commerce data is invalid.".
func (e *InvalidRecordsError) Unwrap() error {
	return &Error{Code: EInvalid, Message: MessageRecordsInvalid}
}

// PushedRecord is one validated record of a push with its normalised JSON,
// which is both stored and echoed. Record is a *SparseDelete for a delete.
type PushedRecord struct {
	Record CommerceRecord
	JSON   json.RawMessage
}

// IsDelete reports whether the record is a sparse delete.
func (p PushedRecord) IsDelete() bool {
	_, ok := p.Record.(*SparseDelete)
	return ok
}

// PushProperty is the body property holding the records of a data type,
// such as "orders"; empty for an unknown data type.
func PushProperty(dataType string) string {
	if k := recordKinds[dataType]; k != nil {
		return k.property
	}
	return ""
}

// ValidatePush decodes, validates and normalises the records of one push
// of dataType (SPEC §8.2), in their order. Every bad record is reported, in
// an *InvalidRecordsError; more than MaxPushRecords records is an EInvalid
// *Error naming the limit.
func ValidatePush(dataType string, raw []json.RawMessage) ([]PushedRecord, error) {
	k := recordKinds[dataType]
	if k == nil {
		return nil, Errorf(EInternal, "unknown data type %q", dataType)
	}
	if len(raw) > MaxPushRecords {
		return nil, FieldError(k.property, "At most %d records can be pushed in one request; this one has %d.", MaxPushRecords, len(raw))
	}
	out := make([]PushedRecord, len(raw))
	results := make([]recordResult, len(raw))
	inParallel(len(raw), func(i int) {
		results[i] = k.validate(i, raw[i])
		out[i].Record, out[i].JSON = results[i].record, results[i].json
	})
	flagDuplicates(k, results)
	var items []ValidationItem
	for _, r := range results {
		if len(r.problems) > 0 {
			items = append(items, ValidationItem{ItemID: r.itemID, Message: strings.Join(r.problems, "; "), ValidatorName: k.validator})
		}
	}
	if len(items) > 0 {
		return nil, &InvalidRecordsError{Items: items}
	}
	return out, nil
}

// recordResult is the outcome of validating one record.
type recordResult struct {
	record   CommerceRecord
	json     json.RawMessage
	itemID   string
	problems problems
}

// problems collects what is wrong with one record, each naming its field.
type problems []string

func (p *problems) add(format string, args ...any) {
	*p = append(*p, fmt.Sprintf(format, args...))
}

// validate checks one record; index names it when it has no id.
func (k *recordKind) validate(index int, raw []byte) recordResult {
	r := recordResult{itemID: fmt.Sprintf("[%d]", index)}
	keys, ok := setKeys(raw)
	if !ok {
		r.problems.add("record must be a JSON object")
		return r
	}
	var err error
	if k.isDelete(keys) {
		r.record, err = k.decodeDelete(raw, &r.problems)
	} else {
		r.record, err = k.decode(raw)
	}
	if err != nil {
		if id := recordID(raw); id != "" {
			r.itemID = id
		}
		path, want := badField(raw, k.typ, "")
		r.problems.add("%s of %s %s must be %s", path, k.name, r.itemID, want)
		return r
	}
	if id := r.record.Header().ID; id != "" {
		r.itemID = id
	}
	if _, del := r.record.(*SparseDelete); !del {
		k.checkFields(keys, r.record, &r.problems)
	}
	if len(r.problems) == 0 {
		r.json, err = json.Marshal(r.record)
		if err != nil {
			r.problems.add("record cannot be encoded: %v", err)
		}
	}
	return r
}

// checkFields applies the checks every kind shares, then the kind's own.
func (k *recordKind) checkFields(keys []string, rec CommerceRecord, p *problems) {
	for _, name := range k.required {
		if !hasKey(keys, name) {
			p.add("%s is required", name)
		}
	}
	h := rec.Header()
	if len(h.ID) > maxForeignID {
		p.add("id must be at most %d characters", maxForeignID)
	}
	if h.Currency != "" && !isCurrency(h.Currency) {
		p.add("currency %q must be three capital letters, such as GBP", h.Currency)
	}
	k.check(rec, p)
}

// decodeDelete reads a sparse delete; a transaction's type, if given, must
// be one of the contract's.
func (k *recordKind) decodeDelete(raw []byte, p *problems) (CommerceRecord, error) {
	var d SparseDelete
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, err
	}
	if d.Type != "" {
		checkEnum(p, "type", &d.Type, TransactionTypes)
	}
	return &d, nil
}

// recordID is the record's id, when it is a string, for naming a record
// that does not decode.
func recordID(raw []byte) string {
	var v struct {
		ID any `json:"id"`
	}
	_ = json.Unmarshal(raw, &v)
	id, _ := v.ID.(string)
	return id
}

// flagDuplicates reports every record whose identity (SPEC §8.3) an
// earlier record of the request already has. A transaction delete without
// a type covers every type of its id.
func flagDuplicates(k *recordKind, results []recordResult) {
	byID := make(map[string][]RecordHeader, len(results))
	for i := range results {
		r := &results[i]
		if r.record == nil {
			continue
		}
		h := r.record.Header()
		for _, prev := range byID[h.ID] {
			if prev.Type == h.Type || prev.Type == "" || h.Type == "" {
				r.problems.add("%s appears more than once in the request", k.identity(h))
				break
			}
		}
		byID[h.ID] = append(byID[h.ID], h)
	}
}

// inParallel runs fn for 0..n-1 on every processor: decoding and checking
// records is CPU work that need not wait for the database's single writer.
func inParallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				fn(i)
			}
		})
	}
	wg.Wait()
}
