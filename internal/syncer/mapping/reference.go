package mapping

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// reference is a document's reference (SPEC §9.2):
// LS{yyyymmdd}-{group}-{code}, plus -ADJ{n} for the nth adjustment.
func reference(day Date, group int, code string, adjustment int) string {
	ref := fmt.Sprintf("LS%s-%d-%s", day.compact(), group, code)
	if adjustment > 0 {
		ref += fmt.Sprintf("-ADJ%d", adjustment)
	}
	return ref
}

// idempotencyKey is a document's deterministic key (SPEC §9.5): the
// SHA-256, in hex, of the company and the document (its kind, day, group,
// reference and content). The same document always gets the same key,
// and any change to it gives another.
func idempotencyKey(companyID string, d *Document) string {
	content := *d
	content.IdempotencyKey = ""
	b, err := json.Marshal(struct {
		CompanyID string   `json:"companyId"`
		Document  Document `json:"document"`
	}{companyID, content})
	if err != nil {
		panic("mapping: a document cannot be encoded: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
