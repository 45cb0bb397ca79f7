package filelog_test

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tdkt/tdkt/internal/filelog"
)

func TestAppendWritesFramedRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	l, err := filelog.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.Append([]byte("hồ sơ"), []byte("x")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	l.Close()
	if err := l.Append([]byte("late")); err != filelog.ErrClosed {
		t.Fatalf("append after close: %v", err)
	}
	b, _ := os.ReadFile(path)
	n := 0
	for len(b) > 0 {
		size := binary.LittleEndian.Uint32(b[:4])
		sum := binary.LittleEndian.Uint32(b[4:8])
		rec := b[8 : 8+size]
		if crc32.Checksum(rec, crc32.MakeTable(crc32.Castagnoli)) != sum {
			t.Fatalf("record %d: bad checksum", n)
		}
		b = b[8+size:]
		n++
	}
	if n != 16 {
		t.Fatalf("%d records, want 16", n)
	}
}
