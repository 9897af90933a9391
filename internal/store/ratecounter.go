package store

import (
	"context"
	"fmt"
	"time"
)

// Hit counts one attempt against a bucket's one-minute window on the
// database clock, and reports whether the attempt is within limit. When it
// is not, wait is the time left in the window. Counts live in the
// database, so they survive a restart and are shared by replicas.
func (s *Store) Hit(ctx context.Context, bucket string, limit int) (ok bool, wait time.Duration, err error) {
	now, err := s.dbNow(ctx, s.read)
	if err != nil {
		return false, 0, err
	}
	window := now.Truncate(time.Minute)
	var hits int
	err = s.db.QueryRowContext(ctx, `INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1)
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1 RETURNING hits`,
		bucket, dbTime(window)).Scan(&hits)
	if err != nil {
		return false, 0, fmt.Errorf("store: count attempt: %w", err)
	}
	if hits > limit {
		return false, window.Add(time.Minute).Sub(now), nil
	}
	return true, 0, nil
}

// PruneRateCounters deletes windows older than an hour.
func (s *Store) PruneRateCounters(ctx context.Context) error {
	now, err := s.dbNow(ctx, s.read)
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM rate_counters WHERE window_start < $1`, dbTime(now.Add(-time.Hour))); err != nil {
		return fmt.Errorf("store: prune rate counters: %w", err)
	}
	return nil
}
