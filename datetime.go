package ledgersync

import (
	"strconv"
	"strings"
	"time"
)

// DateTime is an instant as the contract writes it: RFC 3339 on output, in
// UTC with Z; on input an offset is optional (none means UTC) and a bare
// date means midnight UTC (SPEC W5).
type DateTime struct{ time.Time }

// dateTimeLayouts are the accepted input forms, tried in order.
var dateTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02"}

// ParseDateTime reads a date-time in any accepted form.
func ParseDateTime(s string) (DateTime, error) {
	var err error
	for _, layout := range dateTimeLayouts {
		var t time.Time
		if t, err = time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return DateTime{t.UTC()}, nil
		}
	}
	return DateTime{}, err
}

// UnmarshalJSON reads a JSON string in any accepted form.
func (d *DateTime) UnmarshalJSON(b []byte) error {
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return err
	}
	*d, err = ParseDateTime(s)
	return err
}

// MarshalJSON writes RFC 3339 in UTC.
func (d DateTime) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(d.UTC().Format(time.RFC3339Nano))), nil
}
