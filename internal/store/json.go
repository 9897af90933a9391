package store

import (
	"encoding/json"
	"fmt"
)

// jsonText encodes a small value for a TEXT column.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("store: encode %T: %v", v, err)) // only plain maps and slices are stored
	}
	return string(b)
}

// jsonScan decodes a TEXT column holding JSON into dst; NULL leaves dst.
type jsonScan struct{ dst any }

// Scan implements sql.Scanner.
func (s jsonScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return json.Unmarshal([]byte(v), s.dst)
	case []byte:
		return json.Unmarshal(v, s.dst)
	}
	return fmt.Errorf("store: cannot scan %T as JSON", v)
}
