package api

import (
	"container/list"
	"sync"
)

// answerCache keeps the encoded JSON of recent query answers, keyed by the
// query and the number of events answered from. An answer from n events
// never changes, so a hit needs no invalidation: the hot path of a busy
// read (the standings everyone opens) is a map lookup and a write.
type answerCache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[answerKey]*list.Element
}

type answerKey struct {
	query string
	upTo  uint64
}

type answerEntry struct {
	key  answerKey
	body []byte
}

// DefaultAnswerCacheSize is how many answers are kept.
const DefaultAnswerCacheSize = 256

func newAnswerCache(max int) *answerCache {
	return &answerCache{max: max, ll: list.New(), items: map[answerKey]*list.Element{}}
}

func (c *answerCache) get(query string, upTo uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[answerKey{query, upTo}]
	if !ok {
		return nil, false
	}
	c.ll.MoveToFront(e)
	return e.Value.(*answerEntry).body, true
}

func (c *answerCache) put(query string, upTo uint64, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := answerKey{query, upTo}
	if e, ok := c.items[k]; ok {
		c.ll.MoveToFront(e)
		return
	}
	c.items[k] = c.ll.PushFront(&answerEntry{k, body})
	for c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*answerEntry).key)
	}
}
