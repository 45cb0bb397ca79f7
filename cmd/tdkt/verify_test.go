package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"golang.org/x/mod/sumdb/tlog"
)

// verifyEvents is the size of the tamper tests' ledger: appendTestEvents
// with 10 batches records 1+2+3+1+2+3+1+2+3+1 events.
const verifyEvents = 19

// newVerifyLedger creates a closed ledger of verifyEvents events and
// returns its directory and its export lines (each with '\n').
func newVerifyLedger(t *testing.T) (dir string, lines [][]byte, root tlog.Hash) {
	t.Helper()
	dir = t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines = appendTestEvents(t, s, 10)
	if len(lines) != verifyEvents {
		t.Fatalf("%d events, want %d", len(lines), verifyEvents)
	}
	root, err = s.TreeHash(t.Context(), verifyEvents)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, lines, root
}

// tamper opens ledger.db as an attacker with write access to the file
// would: it drops the immutability triggers and runs stmts.
func tamper(t *testing.T, dir string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, trig := range []string{"events_no_update", "events_no_delete", "events_dense_seq", "tree_no_update", "tree_no_delete"} {
		if _, err := db.Exec("DROP TRIGGER " + trig); err != nil {
			t.Fatalf("drop trigger %s: %v", trig, err)
		}
	}
	for _, st := range stmts {
		res, err := db.Exec(st)
		if err != nil {
			t.Fatalf("%s: %v", st, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			t.Fatalf("%s: changed no row", st)
		}
	}
}

// mustVerifyFail runs args and checks that verify fails (exit 1) and says
// each of wants.
func mustVerifyFail(t *testing.T, wants []string, args ...string) {
	t.Helper()
	code, out, errs := execMain(t.Context(), args...)
	if code != 1 {
		t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if strings.Contains(out, "hợp lệ:") {
		t.Errorf("a failed verify printed success:\n%s", out)
	}
	for _, w := range wants {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr does not say %q:\n%s", w, errs)
		}
	}
	if !strings.Contains(errs, "does NOT verify") {
		t.Errorf("stderr does not say the ledger does not verify:\n%s", errs)
	}
	t.Logf("tdkt %s:\n%s", strings.Join(args, " "), errs)
}

func TestVerifyCleanLedger(t *testing.T) {
	dir, lines, root := newVerifyLedger(t)
	code, out, errs := execMain(t.Context(), "verify", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if errs != "" {
		t.Errorf("stderr (not a terminal: no progress) = %q", errs)
	}
	for _, want := range []string{
		fmt.Sprintf("sổ cái hợp lệ: %d sự kiện, gốc Merkle %s", verifyEvents, root),
		fmt.Sprintf("tree size: %d\n", verifyEvents),
		"root (hex): " + hex.EncodeToString(root[:]) + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout does not say %q:\n%s", want, out)
		}
	}
	t.Logf("tdkt verify --data:\n%s", out)

	// The export file gives the same root.
	file := filepath.Join(t.TempDir(), "ledger.jsonl")
	if err := os.WriteFile(file, bytes.Join(lines, nil), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = execMain(t.Context(), "verify", "--export", file)
	if code != 0 {
		t.Fatalf("verify --export: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if want := "root (hex): " + hex.EncodeToString(root[:]) + "\n"; !strings.Contains(out, want) {
		t.Errorf("verify --export does not say %q:\n%s", want, out)
	}
	// An independent RFC 6962 computation over the lines agrees.
	if got := rfc6962Root(lines); got != root {
		t.Errorf("RFC 6962 root over the export lines %x, verify says %x", got, root)
	}
}

// rfc6962Root is the RFC 6962 Merkle tree hash (section 2.1), written out
// from the RFC rather than with tlog.
func rfc6962Root(lines [][]byte) tlog.Hash {
	var mth func(ls [][]byte) [32]byte
	mth = func(ls [][]byte) [32]byte {
		if len(ls) == 1 {
			return eventstore.LeafHash(bytes.TrimSuffix(ls[0], []byte{'\n'}))
		}
		k := 1
		for k*2 < len(ls) {
			k *= 2
		}
		l, r := mth(ls[:k]), mth(ls[k:])
		return tlog.NodeHash(l, r)
	}
	return mth(lines)
}

func TestVerifyEmptyLedger(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errs := execMain(t.Context(), "verify", "--data", dir)
	if code != 0 || !strings.Contains(out, "sổ cái hợp lệ: 0 sự kiện") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}

// TestVerifyBesideWriter: verify reads a snapshot while another Store
// appends to the same directory.
func TestVerifyBesideWriter(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	appendTestEvents(t, s, 30)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			if _, err := s.Append(ctx, "registration-song-song", eventstore.Any, testEvents(3, "w")...); err != nil && ctx.Err() == nil {
				t.Errorf("append: %v", err)
				return
			}
		}
	}()
	for range 5 {
		if code, out, errs := execMain(t.Context(), "verify", "--data", dir); code != 0 {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
		}
	}
	cancel()
	<-done
}

func TestVerifyTampered(t *testing.T) {
	interior := tlog.StoredHashIndex(1, 3) // leaves 6 and 7: written with seq 7
	tests := []struct {
		name  string
		stmts func(t *testing.T, dir string) []string
		wants []string
	}{
		{"ChangeOneByteOfData", func(t *testing.T, dir string) []string {
			// One byte inside data of seq 7, the line still well formed.
			return []string{`UPDATE events SET line = replace(line, 'Cụm thi đua số 13', 'Cụm thi đua số 17') WHERE seq = 7`}
		}, []string{"leaf of seq 7 differs from the stored tree"}},
		{"BreakDataJSON", func(t *testing.T, dir string) []string {
			return []string{`UPDATE events SET line = replace(line, '"data":{', '"data":[') WHERE seq = 12`}
		}, []string{"seq 12: the stored line is not a valid export line"}},
		{"DeleteMiddleRow", func(t *testing.T, dir string) []string {
			return []string{`DELETE FROM events WHERE seq = 9`}
		}, []string{"gap at seq 9", "next row is seq 10"}},
		{"SwapTwoLines", func(t *testing.T, dir string) []string {
			return []string{`UPDATE events SET line = CASE seq
				WHEN 4 THEN (SELECT line FROM events WHERE seq = 11)
				ELSE (SELECT line FROM events WHERE seq = 4) END WHERE seq IN (4, 11)`}
		}, []string{"row seq 4 holds the export line of seq 11"}},
		{"SwapTwoWholeRows", func(t *testing.T, dir string) []string {
			// Swap everything but seq: the rows are consistent in
			// themselves, yet each holds another seq's line.
			return []string{
				`UPDATE events SET seq = -1 WHERE seq = 5`,
				`UPDATE events SET seq = 5 WHERE seq = 6`,
				`UPDATE events SET seq = 6 WHERE seq = -1`,
			}
		}, []string{"row seq 5 holds the export line of seq 6"}},
		{"TruncateTail", func(t *testing.T, dir string) []string {
			return []string{`DELETE FROM events WHERE seq >= 16`}
		}, []string{"the tree holds the hashes of 19 events", "seq 16 to 18 are missing"}},
		{"ReplaceInteriorTreeHash", func(t *testing.T, dir string) []string {
			return []string{fmt.Sprintf(`UPDATE tree SET hash = randomblob(32) WHERE idx = %d`, interior)}
		}, []string{fmt.Sprintf("seq 7: tree hash index %d (level 1, node 3) differs", interior)}},
		{"ReplaceLeafTreeHash", func(t *testing.T, dir string) []string {
			return []string{fmt.Sprintf(`UPDATE tree SET hash = randomblob(32) WHERE idx = %d`, tlog.StoredHashIndex(0, 14))}
		}, []string{fmt.Sprintf("leaf of seq 14 differs from the stored tree (tree index %d)", tlog.StoredHashIndex(0, 14))}},
		{"ReplaceWholeTree", func(t *testing.T, dir string) []string {
			return []string{`UPDATE tree SET hash = randomblob(32)`}
		}, []string{"leaf of seq 0 differs"}},
		{"DeleteTreeHash", func(t *testing.T, dir string) []string {
			return []string{fmt.Sprintf(`DELETE FROM tree WHERE idx = %d`, interior)}
		}, []string{fmt.Sprintf("seq 7: tree hash index %d (level 1, node 3) is missing", interior)}},
		{"ExtraTreeHash", func(t *testing.T, dir string) []string {
			return []string{fmt.Sprintf(`INSERT INTO tree(idx, hash) VALUES (%d, randomblob(32))`, tlog.StoredHashCount(verifyEvents)+3)}
		}, []string{"the tree has 1 extra hashes", fmt.Sprintf("first extra: tree hash index %d", tlog.StoredHashCount(verifyEvents)+3)}},
		{"ColumnDisagrees", func(t *testing.T, dir string) []string {
			return []string{`UPDATE events SET stream = 'registration-khác' WHERE seq = 3`}
		}, []string{`row seq 3: column stream "registration-khác" disagrees with its export line`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _, _ := newVerifyLedger(t)
			tamper(t, dir, tt.stmts(t, dir)...)
			mustVerifyFail(t, tt.wants, "verify", "--data", dir)
		})
	}
}

func TestVerifyExportTampered(t *testing.T) {
	_, lines, root := newVerifyLedger(t)
	write := func(t *testing.T, ls [][]byte) string {
		file := filepath.Join(t.TempDir(), "ledger.jsonl")
		if err := os.WriteFile(file, bytes.Join(ls, nil), 0o600); err != nil {
			t.Fatal(err)
		}
		return file
	}
	edit := func(i int, old, new string) [][]byte {
		ls := make([][]byte, len(lines))
		copy(ls, lines)
		if !bytes.Contains(ls[i], []byte(old)) {
			t.Fatalf("line %d has no %q", i, old)
		}
		ls[i] = bytes.Replace(ls[i], []byte(old), []byte(new), 1)
		return ls
	}
	t.Run("OneByteBreaksData", func(t *testing.T) {
		mustVerifyFail(t, []string{"line 6 (where seq 5 belongs) is not a valid export line"},
			"verify", "--export", write(t, edit(5, `"data":{`, `"data":[`)))
	})
	t.Run("OneByteOfSeq", func(t *testing.T) {
		mustVerifyFail(t, []string{"gap at seq 8: line 9 holds seq 9"},
			"verify", "--export", write(t, edit(8, `{"seq":8,`, `{"seq":9,`)))
	})
	t.Run("OneByteNotCanonical", func(t *testing.T) {
		mustVerifyFail(t, []string{"line 3 (where seq 2 belongs) is not a valid export line"},
			"verify", "--export", write(t, edit(2, `"data":{`, `"data": `)))
	})
	t.Run("LineRemoved", func(t *testing.T) {
		ls := append(append([][]byte{}, lines[:3]...), lines[4:]...)
		mustVerifyFail(t, []string{"gap at seq 3: line 4 holds seq 4"}, "verify", "--export", write(t, ls))
	})
	t.Run("LinesSwapped", func(t *testing.T) {
		ls := append([][]byte{}, lines...)
		ls[10], ls[11] = ls[11], ls[10]
		mustVerifyFail(t, []string{"gap at seq 10: line 11 holds seq 11"}, "verify", "--export", write(t, ls))
	})
	t.Run("EmptyLine", func(t *testing.T) {
		ls := append(append(append([][]byte{}, lines[:3]...), []byte("\n")), lines[3:]...)
		mustVerifyFail(t, []string{"line 4 (where seq 3 belongs) is empty"}, "verify", "--export", write(t, ls))
	})
	t.Run("ValidEditChangesRoot", func(t *testing.T) {
		// A byte changed inside data that keeps the line valid cannot be
		// seen in an export file alone: the root differs from the ledger's,
		// which a kept checkpoint (issue 4) catches.
		code, out, errs := execMain(t.Context(), "verify", "--export", write(t, edit(7, "số 13", "số 17")))
		if code != 0 {
			t.Fatalf("exit %d\n%s%s", code, out, errs)
		}
		if strings.Contains(out, hex.EncodeToString(root[:])) {
			t.Errorf("the edited export has the ledger's root:\n%s", out)
		}
	})
	t.Run("NoFinalNewline", func(t *testing.T) {
		file := write(t, lines)
		b, _ := os.ReadFile(file)
		os.WriteFile(file, bytes.TrimSuffix(b, []byte{'\n'}), 0o600)
		code, out, errs := execMain(t.Context(), "verify", "--export", file)
		if code != 0 || !strings.Contains(out, hex.EncodeToString(root[:])) {
			t.Fatalf("exit %d\n%s%s", code, out, errs)
		}
	})
}

func TestVerifyCommandLine(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"verify", "--data", dir, "--export", "x.jsonl"}, 2, "either --data or --export"},
		{[]string{"verify", "--export", "x.jsonl", "--checkpoint", "c"}, 2, "--checkpoint needs --key"},
		{[]string{"verify", "--export", "x.jsonl", "--key", "k"}, 2, "--key is for checking --checkpoint"},
		{[]string{"verify", "--data", ""}, 2, "invalid --data"},
		{[]string{"verify", "--data", dir, "extra"}, 2, "unexpected argument"},
		{[]string{"verify", "--data", dir}, 1, "no ledger"},
		{[]string{"verify", "--export", filepath.Join(dir, "none.jsonl")}, 1, "no such file"},
	} {
		code, out, errs := execMain(t.Context(), tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("tdkt %s: exit %d, want %d and %q\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, tt.want, out, errs)
		}
	}
}
