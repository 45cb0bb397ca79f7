package sqlite_test

import (
	"bytes"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"golang.org/x/mod/sumdb/tlog"
)

// maxImportFuzzInput caps the export files FuzzImport tries, so each run
// stays cheap.
const maxImportFuzzInput = 64 << 10

// FuzzImport feeds arbitrary bytes to Import as an export file, a line at a
// time through ParseExportLine as `tdkt import` does, on an empty store.
// Either Import fails and nothing is written (the head stays 0 and the
// ledger reads empty), or it succeeds and the ledger exports exactly the
// file's lines, with the Merkle root of those lines.
func FuzzImport(f *testing.F) {
	for _, seed := range importSeeds() {
		f.Add(seed)
	}
	it := &importTarget{base: f.TempDir()}
	f.Cleanup(it.discard)
	f.Fuzz(func(t *testing.T, file []byte) {
		if len(file) > maxImportFuzzInput {
			return
		}
		s := it.store(t)
		lines := splitLines(file)
		n, err := s.Import(t.Context(), exportFile(lines), nil)
		if err != nil {
			if head, herr := s.Head(t.Context()); herr != nil || head != 0 {
				t.Fatalf("Import failed (%v) but the head is %d (%v)", err, head, herr)
			}
			if evs := readAllLines(t, s); len(evs) != 0 {
				t.Fatalf("Import failed (%v) but the ledger holds %d events", err, len(evs))
			}
			return
		}
		if n > 0 {
			it.used() // the next input needs an empty store
		}
		if n != uint64(len(lines)) {
			t.Fatalf("Import of %d lines returned %d", len(lines), n)
		}
		if head, err := s.Head(t.Context()); err != nil || head != n {
			t.Fatalf("head %d (%v) after importing %d events", head, err, n)
		}
		got := readAllLines(t, s)
		if len(got) != len(lines) {
			t.Fatalf("imported %d lines, the ledger exports %d", len(lines), len(got))
		}
		for i := range lines {
			if !bytes.Equal(got[i], lines[i]) {
				t.Fatalf("line %d imported as\n%q\nexports as\n%q", i+1, lines[i], got[i])
			}
		}
		if n > 0 {
			root, err := s.TreeHash(t.Context(), n)
			if err != nil {
				t.Fatal(err)
			}
			if want := tlog.Hash(mth(lines)); root != want {
				t.Fatalf("Merkle root %s, the file's %s", root, want)
			}
		}
	})
}

// importTarget holds the store FuzzImport imports into: reused while
// imports fail (nothing is written), replaced by a fresh one after an
// import wrote events.
type importTarget struct {
	base  string
	n     int
	dir   string
	s     *sqlite.Store
	dirty bool
}

func (it *importTarget) store(t *testing.T) *sqlite.Store {
	t.Helper()
	if it.dirty {
		it.discard()
	}
	if it.s == nil {
		it.n++
		it.dir = filepath.Join(it.base, fmt.Sprint(it.n))
		s, err := sqlite.Open(it.dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		it.s = s
	}
	return it.s
}

func (it *importTarget) used() { it.dirty = true }

func (it *importTarget) discard() {
	if it.s != nil {
		it.s.Close()
		os.RemoveAll(it.dir)
	}
	it.s, it.dirty = nil, false
}

// splitLines splits an export file into lines as `tdkt import` reads it:
// each ends at '\n' or at the end of the file, and a last '\n' ends the
// last line rather than starting an empty one.
func splitLines(file []byte) [][]byte {
	lines := bytes.Split(file, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// exportFile yields the events of lines, stopping at the first that does
// not parse.
func exportFile(lines [][]byte) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		for i, line := range lines {
			ev, err := eventstore.ParseExportLine(line)
			if err != nil {
				yield(eventstore.RecordedEvent{}, fmt.Errorf("line %d: %w", i+1, err))
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
	}
}

func readAllLines(t *testing.T, s *sqlite.Store) [][]byte {
	t.Helper()
	var out [][]byte
	for ev, err := range s.ReadAll(t.Context(), 0) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, eventstore.ExportLine(&ev))
	}
	return out
}

// importSeeds are export files: valid ones, and ones each of Import's
// checks rejects.
func importSeeds() [][]byte {
	at := time.Date(2025, 1, 15, 8, 30, 0, 0, time.UTC)
	ev := func(seq uint64, stream string, rev uint64, id string, sec int) eventstore.RecordedEvent {
		return eventstore.RecordedEvent{Seq: seq, Stream: stream, Revision: rev, RecordedAt: at.Add(time.Duration(sec) * time.Second),
			Event: eventstore.Event{ID: uuid.MustParse("0194f8a3-7c2e-7d10-8a5b-00000000000" + id), Type: "UnitRenamed", Schema: 1,
				Data: []byte(`{"name":"Viện kiểm sát nhân dân tỉnh Lạng Sơn"}`)}}
	}
	file := func(evs ...eventstore.RecordedEvent) []byte {
		var b []byte
		for i := range evs {
			b = eventstore.AppendExportLine(b, &evs[i])
			b = append(b, '\n')
		}
		return b
	}
	full := ev(2, "unit-2", 0, "3", 2)
	full.Effective = eventstore.Effective{Date: "2025-01-10", Year: 2025}
	full.Actor = &eventstore.Actor{Subject: "admin", Role: "admin"}
	full.Basis = &eventstore.Basis{Number: "123/QĐ-VKSTC", Date: "2025-01-10", Issuer: "VKSND tối cao"}
	full.Correlation = uuid.MustParse("0194f8a3-7c2e-7d10-8a5b-0000000000c0")
	valid := file(ev(0, "unit-1", 0, "1", 0), ev(1, "unit-1", 1, "2", 1), full)
	return [][]byte{
		valid,
		bytes.TrimSuffix(valid, []byte("\n")),
		file(ev(0, "unit-1", 0, "1", 0)),
		{},
		[]byte("\n"),
		append(append(file(ev(0, "unit-1", 0, "1", 0)), '\n'), file(ev(1, "unit-1", 1, "2", 1))...), // a blank line
		file(ev(1, "unit-1", 0, "1", 0)),                              // seq not from 0
		file(ev(0, "unit-1", 0, "1", 0), ev(2, "unit-1", 1, "2", 1)),  // a gap in seq
		file(ev(0, "unit-1", 1, "1", 0)),                              // revision not from 0
		file(ev(0, "unit-1", 0, "1", 0), ev(1, "unit-1", 0, "2", 1)),  // revision repeated
		file(ev(0, "unit-1", 0, "1", 0), ev(1, "unit-2", 0, "1", 1)),  // id repeated
		file(ev(0, "unit-1", 0, "1", 5), ev(1, "unit-1", 1, "2", 1)),  // recordedAt backwards
		append(file(ev(0, "unit-1", 0, "1", 0)), `{"seq":1}`+"\n"...), // a line that does not parse
		bytes.Replace(valid, []byte(".000000000Z"), []byte("Z"), 1),   // not canonical
		bytes.Replace(valid, []byte("\n"), []byte("\r\n"), 1),         // CRLF
	}
}

// TestImportSeeds: FuzzImport's seeds take the paths they are for: the
// first five import, the others are each refused.
func TestImportSeeds(t *testing.T) {
	it := &importTarget{base: t.TempDir()}
	t.Cleanup(it.discard)
	for i, seed := range importSeeds() {
		n, err := it.store(t).Import(t.Context(), exportFile(splitLines(seed)), nil)
		if ok := i < 4; (err == nil) != ok {
			t.Errorf("seed %d: Import error %v, want success %v", i, err, ok)
		}
		if n > 0 {
			it.used()
		}
	}
}
