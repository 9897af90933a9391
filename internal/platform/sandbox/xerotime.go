package sandbox

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// msDate is an instant in Xero's JSON form, /Date(1709596800000+0000)/.
type msDate time.Time

// MarshalJSON implements json.Marshaler.
func (d msDate) MarshalJSON() ([]byte, error) {
	return json.Marshal(fmt.Sprintf("/Date(%d+0000)/", time.Time(d).UnixMilli()))
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *msDate) UnmarshalJSON(b []byte) error {
	t, err := parseXeroTime(b)
	*d = msDate(t)
	return err
}

// invalidDay marks a day that was sent but is not a date.
const invalidDay = "invalid:"

// day is a calendar date, YYYY-MM-DD. Xero sends it as /Date(…)/ (at
// midnight UTC) and accepts that, YYYY-MM-DD, or YYYY-MM-DDT00:00:00.
type day string

// MarshalJSON implements json.Marshaler. A date that is not one, echoed
// in a validation error, is written as it was sent.
func (d day) MarshalJSON() ([]byte, error) {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return json.Marshal(strings.TrimPrefix(string(d), invalidDay))
	}
	return msDate(t).MarshalJSON()
}

// UnmarshalJSON implements json.Unmarshaler. A date that does not parse
// is kept as written, so validation can name it.
func (d *day) UnmarshalJSON(b []byte) error {
	t, err := parseXeroTime(b)
	if err != nil {
		var s string
		if json.Unmarshal(b, &s) != nil {
			return err
		}
		*d = day(invalidDay + s)
		return nil
	}
	*d = day(t.Format(time.DateOnly))
	return nil
}

// valid reports whether d holds a real date.
func (d day) valid() bool {
	_, err := time.Parse(time.DateOnly, string(d))
	return err == nil
}

// dateString is Xero's DateString for the day.
func (d day) dateString() string {
	if !d.valid() {
		return ""
	}
	return string(d) + "T00:00:00"
}

func parseXeroTime(b []byte) (time.Time, error) {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return time.Time{}, fmt.Errorf("a date must be a string: %s", b)
	}
	if ms, ok := strings.CutPrefix(s, "/Date("); ok {
		ms, _, _ = strings.Cut(strings.TrimSuffix(ms, ")/"), "+")
		n, err := strconv.ParseInt(ms, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad date %q", s)
		}
		return time.UnixMilli(n).UTC(), nil
	}
	for _, layout := range []string{time.DateOnly, "2006-01-02T15:04:05", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}
