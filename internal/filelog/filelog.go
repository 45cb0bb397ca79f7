// Package filelog is the physical-limit baseline for the ledger's write
// benchmarks: an append-only file of length- and CRC32C-framed records,
// fsynced on every commit, with the same group commit as the SQLite store
// (one writer goroutine drains every pending append into one write and one
// fsync). It has no index, no validation and no read path: it measures what
// the disk and the kernel allow, nothing more. It is not a store; only
// benchmarks use it.
package filelog

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"sync"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("filelog: closed")

// Log is an append-only, fsynced file.
type Log struct {
	f       *os.File
	reqs    chan *req
	closing chan struct{}
	wg      sync.WaitGroup
	once    sync.Once
}

type req struct {
	recs [][]byte
	done chan error
}

// Open creates or appends to the file at path.
func Open(path string) (*Log, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	l := &Log{f: f, reqs: make(chan *req), closing: make(chan struct{})}
	l.wg.Add(1)
	go l.writer()
	return l, nil
}

// Append writes records and returns after they are fsynced.
func (l *Log) Append(recs ...[]byte) error {
	r := &req{recs: recs, done: make(chan error, 1)}
	select {
	case l.reqs <- r:
	case <-l.closing:
		return ErrClosed
	}
	return <-r.done
}

func (l *Log) writer() {
	defer l.wg.Done()
	var buf []byte
	for {
		var batch []*req
		select {
		case r := <-l.reqs:
			batch = append(batch, r)
		case <-l.closing:
			return
		}
	drain:
		for len(batch) < 1000 {
			select {
			case r := <-l.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		buf = buf[:0]
		for _, r := range batch {
			for _, rec := range r.recs {
				var hdr [8]byte
				binary.LittleEndian.PutUint32(hdr[:4], uint32(len(rec)))
				binary.LittleEndian.PutUint32(hdr[4:], crc32.Checksum(rec, castagnoli))
				buf = append(buf, hdr[:]...)
				buf = append(buf, rec...)
			}
		}
		_, err := l.f.Write(buf)
		if err == nil {
			err = l.f.Sync()
		}
		for _, r := range batch {
			r.done <- err
		}
	}
}

// Close stops the writer and closes the file.
func (l *Log) Close() error {
	var err error
	l.once.Do(func() {
		close(l.closing)
		l.wg.Wait()
		err = l.f.Close()
	})
	return err
}
