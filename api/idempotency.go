package api

import (
	"crypto/sha256"
	"hash/maphash"
	"sync"
)

// DefaultIdempotencyCacheSize is how many keyed responses the server keeps
// in memory. Older keys are still honoured after eviction (and after a
// restart): their event ids are derived from the key, so a retry finds
// what the first try recorded in the command's stream.
const DefaultIdempotencyCacheSize = 4096

// cachedResponse is the response to a keyed command.
type cachedResponse struct {
	hash   [sha256.Size]byte
	status int
	body   []byte
}

// idempotencyCache remembers responses by (subject, Idempotency-Key),
// evicting the oldest first, and serialises requests with the same key.
type idempotencyCache struct {
	mu    sync.Mutex
	max   int
	m     map[string]cachedResponse
	order []string // insertion order, for eviction

	seed  maphash.Seed
	locks [64]sync.Mutex
}

func newIdempotencyCache(max int) *idempotencyCache {
	return &idempotencyCache{max: max, m: map[string]cachedResponse{}, seed: maphash.MakeSeed()}
}

func idemKey(subject, key string) string { return subject + "\x00" + key }

// lock serialises requests with the same subject and key (and, rarely,
// others that hash alike), so a retry sent while the first try runs waits
// for its answer instead of racing it. It returns the unlock function.
func (c *idempotencyCache) lock(subject, key string) func() {
	m := &c.locks[maphash.String(c.seed, idemKey(subject, key))%uint64(len(c.locks))]
	m.Lock()
	return m.Unlock
}

func (c *idempotencyCache) get(subject, key string) (cachedResponse, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[idemKey(subject, key)]
	return r, ok
}

func (c *idempotencyCache) put(subject, key string, r cachedResponse) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := idemKey(subject, key)
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
	}
	c.m[k] = r
	for len(c.order) > c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
}
