package state

import (
	"strings"
	"time"
)

// MemStore keeps counters in memory with the same semantics as SQLiteStore
// (reset when the calendar window changes, refuse when value+amount > limit,
// rollback floored at zero, Resolve returns 0 for a stale window). Oracle only.
type MemStore struct {
	Clock Clock
	rows  map[string]*memRow
}

type memRow struct {
	value int64
	ws    time.Time
	wd    time.Duration
}

type FixedClock struct{ T time.Time }

func (c *FixedClock) Now() time.Time { return c.T }

func NewMemStore(c Clock) *MemStore { return &MemStore{Clock: c, rows: map[string]*memRow{}} }

func (s *MemStore) Reserve(key string, amount int64, limit int64, window time.Duration) (bool, int64, error) {
	ws := windowStart(s.Clock.Now(), window)
	var value int64
	if r, ok := s.rows[key]; ok && r.ws.Equal(ws) {
		value = r.value
	}
	if value+amount > limit {
		return false, value, nil
	}
	value += amount
	s.rows[key] = &memRow{value: value, ws: ws, wd: window}
	return true, value, nil
}

func (s *MemStore) Rollback(key string, amount int64) error {
	r, ok := s.rows[key]
	if !ok {
		return nil
	}
	r.value -= amount
	if r.value < 0 {
		r.value = 0
	}
	return nil
}

func (s *MemStore) Get(key string) (int64, time.Time, error) {
	if r, ok := s.rows[key]; ok {
		return r.value, r.ws, nil
	}
	return 0, time.Time{}, nil
}

func (s *MemStore) Reset(key string) error { delete(s.rows, key); return nil }
func (s *MemStore) Close() error          { return nil }

func (s *MemStore) Resolve(path string) (any, bool, error) {
	key := strings.TrimPrefix(path, "state.")
	r, ok := s.rows[key]
	if !ok {
		return int64(0), true, nil
	}
	if !r.ws.Equal(windowStart(s.Clock.Now(), r.wd)) {
		return int64(0), true, nil
	}
	return r.value, true, nil
}
