package schedule

import (
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// RunAt returns when to run a sync due at due: due plus an offset in
// [0, jitterMax) taken from a hash of key, such as the company id. The same
// key always gets the same offset, and many keys spread evenly over the
// range, so companies due at the same boundary do not all start at once.
// The offset never changes the period. A jitterMax of 0 or less returns due.
func RunAt(due time.Time, jitterMax time.Duration, key string) time.Time {
	if jitterMax <= 0 {
		return due
	}
	sum := sha256.Sum256([]byte(key))
	return due.Add(time.Duration(binary.BigEndian.Uint64(sum[:8]) % uint64(jitterMax)))
}
