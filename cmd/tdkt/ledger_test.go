package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/kurrent/kurrenttest"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

// TestServeReceipt takes a receipt from a running serve, archives it, and
// checks it offline with tdkt verify --receipt; the stored checkpoints are
// then checked by verify --data.
func TestServeReceipt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	m, stdout, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	u := m.HTTPServer.URL()
	if !strings.Contains(stdout.String(), "khóa kiểm tra chữ ký (verifier key): "+defaultOrigin+"+") {
		t.Errorf("serve did not print the verifier key:\n%s", stdout)
	}
	appendTestEvents(t, m.Store, 8)

	code, vkey := httpGet(t, u+"/api/v1/ledger/key")
	if code != 200 {
		t.Fatalf("key: %d %s", code, vkey)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, verifierKeyFile)); strings.TrimSpace(string(b)) != vkey {
		t.Fatalf("served key %q is not %s", vkey, verifierKeyFile)
	}
	code, receipt := httpGet(t, u+"/api/v1/events/5/receipt")
	if code != 200 {
		t.Fatalf("receipt: %d %s", code, receipt)
	}
	file := filepath.Join(t.TempDir(), "event-5.tlog-proof")
	if err := os.WriteFile(file, []byte(receipt+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "ledger.vkey")
	os.WriteFile(keyFile, []byte(vkey+"\n"), 0o600)

	// More appends: the archived receipt still verifies, offline.
	appendTestEvents(t, m.Store, 30)
	code, out, errs := execMain(t.Context(), "verify", "--receipt", file, "--key", keyFile)
	if code != 0 || !strings.Contains(out, "biên nhận hợp lệ: sự kiện seq 5") {
		t.Fatalf("verify --receipt: exit %d\n%s\n%s", code, out, errs)
	}
	t.Logf("tdkt verify --receipt:\n%s", out)

	t.Run("Tampered", func(t *testing.T) {
		r, err := ledger.ParseReceipt([]byte(receipt + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		r.Line = bytes.Replace(r.Line, []byte("Trà Vinh"), []byte("Trà Vinh "), 1)
		bad := filepath.Join(t.TempDir(), "bad.tlog-proof")
		os.WriteFile(bad, r.Marshal(), 0o600)
		code, out, errs := execMain(t.Context(), "verify", "--receipt", bad, "--key", keyFile)
		if code != 1 || !strings.Contains(errs, "does NOT verify") || strings.Contains(out, "hợp lệ") {
			t.Fatalf("tampered receipt: exit %d\n%s\n%s", code, out, errs)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		if code, _, errs := execMain(t.Context(), "verify", "--receipt", file); code != 2 || !strings.Contains(errs, "--receipt needs --key") {
			t.Fatalf("exit %d: %s", code, errs)
		}
	})

	// The checkpoint that receipt was signed against is kept in the ledger,
	// and verify --data checks it with the data directory's key.
	if _, _, err := m.HTTPServer.Checkpoints.Issue(t.Context()); err != nil {
		t.Fatal(err)
	}
	code, out, errs = execMain(t.Context(), "verify", "--data", dir)
	if code != 0 || !strings.Contains(out, "checkpoint(s) kept in the ledger hold (signatures checked with") {
		t.Fatalf("verify --data: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestServeStartupCheck tampers with a closed ledger the way someone with
// the file could, and checks that serve refuses writes and reports unready
// with the reason, for the quick and the full check; the clean ledger is
// ready under both.
func TestServeStartupCheck(t *testing.T) {
	newLedger := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "data")
		m, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
		appendTestEvents(t, m.Store, 10)
		if _, _, err := m.HTTPServer.Checkpoints.Issue(t.Context()); err != nil {
			t.Fatal(err)
		}
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	waitReady := func(t *testing.T, u string, want int) string {
		deadline := time.Now().Add(20 * time.Second)
		for {
			code, body := httpGet(t, u+"/readyz")
			if code == want && !strings.Contains(body, "verifying the ledger") {
				return body
			}
			if time.Now().After(deadline) {
				t.Fatalf("/readyz %d %s, want %d", code, body, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	for _, check := range []string{CheckQuick, CheckFull} {
		t.Run(check+"/OK", func(t *testing.T) {
			dir := newLedger(t)
			m, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--check", check)
			waitReady(t, m.HTTPServer.URL(), 200)
			if _, err := m.Store.Append(t.Context(), "registration-x", eventstore.Any, testEvents(1, "after")...); err != nil {
				t.Fatal(err)
			}
		})
		t.Run(check+"/LeafOfLastEventChanged", func(t *testing.T) {
			dir := newLedger(t)
			tamper(t, dir, fmt.Sprintf("UPDATE events SET line = replace(line, 'Trà Vinh', 'Trà Vinh.') WHERE seq = %d", verifyEvents-1))
			m, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--check", check)
			body := waitReady(t, m.HTTPServer.URL(), 503)
			if !strings.Contains(body, "start-up check") || !strings.Contains(body, fmt.Sprint("seq ", verifyEvents-1)) {
				t.Fatalf("/readyz does not say why: %s", body)
			}
			_, err := m.Store.Append(t.Context(), "registration-x", eventstore.Any, testEvents(1, "after")...)
			if !errors.Is(err, eventstore.ErrReadOnly) {
				t.Fatalf("append on a ledger that failed its check: %v", err)
			}
			// Reads keep working, so the damage can be examined.
			if code, _ := httpGet(t, m.HTTPServer.URL()+"/api/v1/events?limit=2"); code != 200 {
				t.Fatalf("reads after a failed check: %d", code)
			}
		})
	}
	t.Run("quick/TreeReplaced", func(t *testing.T) {
		dir := newLedger(t)
		// A consistent rewrite: the events and tree agree, but the root at
		// the kept checkpoint's size no longer is the one signed.
		tamper(t, dir, "UPDATE tree SET hash = zeroblob(32) WHERE idx = 0")
		m, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--check", CheckQuick)
		body := waitReady(t, m.HTTPServer.URL(), 503)
		if !strings.Contains(body, "start-up check") {
			t.Fatalf("/readyz: %s", body)
		}
	})
	t.Run("off", func(t *testing.T) {
		dir := newLedger(t)
		tamper(t, dir, "UPDATE events SET line = replace(line, 'Trà Vinh', 'Trà Vinh.') WHERE seq = 0")
		m, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--check", CheckOff)
		waitReady(t, m.HTTPServer.URL(), 200)
	})
}

// TestImport: export → import gives the same root and the same export
// bytes; a file that fails any check writes nothing.
func TestImport(t *testing.T) {
	src, lines, root := newVerifyLedger(t)
	code, export, errs := execMain(t.Context(), "export", "--data", src)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "ledger.jsonl")
	os.WriteFile(file, []byte(export), 0o600)

	t.Run("RoundTrip", func(t *testing.T) {
		dst := filepath.Join(t.TempDir(), "data")
		code, out, errs := execMain(t.Context(), "import", "--data", dst, file)
		if code != 0 {
			t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
		}
		if !strings.Contains(out, fmt.Sprintf("đã nhập %d sự kiện", verifyEvents)) || !strings.Contains(out, root.String()) {
			t.Fatalf("import output:\n%s", out)
		}
		code, again, _ := execMain(t.Context(), "export", "--data", dst)
		if code != 0 || again != export {
			t.Fatalf("the re-export differs from the original export")
		}
		if code, out, errs := execMain(t.Context(), "verify", "--data", dst); code != 0 || !strings.Contains(out, root.String()) {
			t.Fatalf("verify after import: %d\n%s\n%s", code, out, errs)
		}
		// A second import into the now non-empty ledger is refused.
		code, _, errs = execMain(t.Context(), "import", "--data", dst, file)
		if code != 1 || !strings.Contains(errs, "not empty") {
			t.Fatalf("import into a non-empty ledger: %d %s", code, errs)
		}
	})

	bad := map[string]struct {
		lines [][]byte
		want  string
	}{
		"NonCanonicalLine": {replaceLine(lines, 4, bytes.Replace(lines[4], []byte(`"schema":1`), []byte(`"schema": 1`), 1)), "line 5"},
		"Gap":              {append(append([][]byte{}, lines[:6]...), lines[7:]...), "gap at seq 6"},
		"RevisionGap":      {replaceLine(lines, 7, reencode(t, lines[7], func(e *eventstore.RecordedEvent) { e.Revision += 5 })), "revision"},
		"RecordedAtBack":   {replaceLine(lines, 9, reencode(t, lines[9], func(e *eventstore.RecordedEvent) { e.RecordedAt = e.RecordedAt.Add(-time.Hour) })), "recordedAt"},
	}
	for name, tc := range bad {
		t.Run("NothingWritten/"+name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "bad.jsonl")
			os.WriteFile(f, bytes.Join(tc.lines, nil), 0o600)
			dst := filepath.Join(t.TempDir(), "data")
			code, out, errs := execMain(t.Context(), "import", "--data", dst, f)
			if code != 1 || !strings.Contains(errs, "nothing written") || !strings.Contains(errs, tc.want) {
				t.Fatalf("exit %d\n%s\n%s", code, out, errs)
			}
			code, export, _ := execMain(t.Context(), "export", "--data", dst)
			if code != 0 || export != "" {
				t.Fatalf("the failed import left events: %q", export)
			}
		})
	}
}

func replaceLine(lines [][]byte, i int, line []byte) [][]byte {
	out := append([][]byte{}, lines...)
	out[i] = line
	return out
}

// reencode parses an export line (with its '\n'), changes the event and
// writes it back as a canonical line: a change only import's own checks
// can catch.
func reencode(t *testing.T, line []byte, f func(*eventstore.RecordedEvent)) []byte {
	t.Helper()
	ev, err := eventstore.ParseExportLine(bytes.TrimSuffix(line, []byte("\n")))
	if err != nil {
		t.Fatal(err)
	}
	f(&ev)
	return append(eventstore.ExportLine(&ev), '\n')
}

func TestReplay(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	council := eventstore.Event{
		ID: uuid.Must(uuid.NewV7()), Type: "CouncilReconstituted", Schema: 1,
		Effective: eventstore.Effective{Date: "2025-07-01", Year: 2025},
		Actor:     &eventstore.Actor{Subject: "Trần Thị B (hư cấu)", Role: "admin", Unit: "Văn phòng VKSND tối cao"},
		Basis:     &eventstore.Basis{Number: "19/QĐ-VKSTC", Date: "2025-07-01", Issuer: "Viện trưởng VKSND tối cao"},
		Data:      []byte(`{"councilId":"hd-nganh","decisionNo":"19/QĐ-VKSTC","members":[{"personId":"p1"},{"personId":"p2"}]}`),
	}
	score := eventstore.Event{
		ID: uuid.Must(uuid.NewV7()), Type: "ScoreRecorded", Schema: 1,
		Effective: eventstore.Effective{Date: "2024-12-20", Year: 2024},
		Actor:     &eventstore.Actor{Subject: "văn-thư-cụm-13", Role: "cluster"},
		Data:      []byte(`{"unitId":"vks-tra-vinh","clusterId":"cum-13","year":2024,"total":95.5}`),
	}
	if _, err := s.Append(t.Context(), "council-hd-nganh", eventstore.NoStream, council); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(t.Context(), "scorecard-1", eventstore.NoStream, score); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errs := execMain(t.Context(), "replay", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"#0 01/07/2025 · Trần Thị B (hư cấu) (admin, Văn phòng VKSND tối cao) · Kiện toàn Hội đồng năm 2025: số quyết định 19/QĐ-VKSTC; thành viên 2 mục · căn cứ 19/QĐ-VKSTC ngày 01/07/2025 của Viện trưởng VKSND tối cao [council-hd-nganh r0]",
		"#1 20/12/2024 · văn-thư-cụm-13 (cluster) · Chấm điểm thi đua: năm 2024; tổng điểm 95.5; đơn vị vks-tra-vinh; cụm/khối cum-13 [scorecard-1 r0]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("replay does not say\n%s\ngot:\n%s", want, out)
		}
	}
	code, out, _ = execMain(t.Context(), "replay", "--data", dir, "--lang", "en", "--type", "ScoreRecorded")
	if code != 0 || strings.Contains(out, "Council") || !strings.Contains(out, "#1 2024-12-20 · văn-thư-cụm-13 (cluster) · Score recorded: year 2024; total 95.5") {
		t.Errorf("replay --lang en --type ScoreRecorded:\n%s", out)
	}
	code, out, _ = execMain(t.Context(), "replay", "--data", dir, "--stream", "council-hd-nganh", "--to", "0")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "#0 ") {
		t.Errorf("replay --stream --to:\n%s", out)
	}
	code, out, _ = execMain(t.Context(), "replay", "--data", dir, "--since", "2999-01-01")
	if code != 0 || !strings.Contains(out, "không có sự kiện nào phù hợp") {
		t.Errorf("replay --since in the future:\n%s", out)
	}
}

// TestServeKurrent serves the ledger on KurrentDB (the protocol test double):
// /readyz reports the ACL hardening, appends get seqs, the signed checkpoint
// is kept in KurrentDB, and a receipt verifies offline; kurrent harden then
// writes the policy, and a new serve resumes the ledger.
func TestServeKurrent(t *testing.T) {
	db := kurrenttest.Start(t)
	dir := t.TempDir()
	m, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--store", db.URL())
	u := m.HTTPServer.URL()
	code, body := httpGet(t, u+"/readyz")
	if code != 200 || !strings.Contains(body, `"store":"kurrentdb"`) || !strings.Contains(body, "not hardened") {
		t.Fatalf("/readyz: %d %s", code, body)
	}
	appendTestEvents(t, m.Kurrent, 6)
	code, receipt := httpGet(t, u+"/api/v1/events/4/receipt")
	if code != 200 {
		t.Fatalf("receipt: %d %s", code, receipt)
	}
	file := filepath.Join(t.TempDir(), "r.tlog-proof")
	os.WriteFile(file, []byte(receipt+"\n"), 0o600)
	if code, out, errs := execMain(t.Context(), "verify", "--receipt", file, "--key", filepath.Join(dir, verifierKeyFile)); code != 0 {
		t.Fatalf("verify --receipt: %d\n%s\n%s", code, out, errs)
	}
	if size, _, err := m.Kurrent.LatestCheckpoint(t.Context()); err != nil || size != 12 {
		t.Fatalf("checkpoint kept in KurrentDB: size %d, %v", size, err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, errs := execMain(t.Context(), "verify", "--store", db.URL())
	if code != 0 || !strings.Contains(out, "ledger on KurrentDB verified: 12 events") || !strings.Contains(out, "the newest kept checkpoint (size 12) holds") {
		t.Fatalf("verify --store: %d\n%s\n%s", code, out, errs)
	}

	// The double runs without TLS, like an --insecure node, which enforces
	// no ACLs: harden writes the policy but must not call it hardened.
	code, out, errs = execMain(t.Context(), "kurrent", "harden", "--store", db.URL())
	if code != 1 || !strings.Contains(out, "deletion restricted to $admins: có/yes; metadata writes: có/yes; system streams: có/yes") ||
		!strings.Contains(errs, "tls=false") {
		t.Fatalf("kurrent harden: %d\n%s\n%s", code, out, errs)
	}
	m2, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--store", db.URL())
	// The read models are kept in memory on KurrentDB: /readyz says not
	// ready until they have folded the ledger again.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		code, body = httpGet(t, m2.HTTPServer.URL()+"/readyz")
		if code == 200 || !strings.Contains(body, "projections catching up") || time.Now().After(deadline) {
			break
		}
	}
	if code != 200 || !strings.Contains(body, `"head":12`) || !strings.Contains(body, "tls=false") {
		t.Fatalf("/readyz after harden: %d %s", code, body)
	}
}

// TestThirdPartyVerification is issue 4's "done when": an export file, the
// verifier key and a signed checkpoint are enough for code that shares
// nothing with tdkt (sumdb/note for the signature, transparency-dev/merkle
// for RFC 6962) to recompute the root and check the signature.
func TestThirdPartyVerification(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if code, _, errs := execMain(t.Context(), "keys", "generate", "--data", dir, "--origin", "vksndtc.gov.vn/tdkt"); code != 0 {
		t.Fatal(errs)
	}
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	appendTestEvents(t, s, 23)
	s.Close()
	_, export, _ := execMain(t.Context(), "export", "--data", dir)
	_, checkpoint, _ := execMain(t.Context(), "checkpoint", "--data", dir)
	vkey, _ := os.ReadFile(filepath.Join(dir, verifierKeyFile))

	// The third party: split the export into lines, hash leaves, build the
	// tree with transparency-dev/merkle/compact, open the note, compare.
	v, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Open([]byte(checkpoint), note.VerifierList(v))
	if err != nil {
		t.Fatalf("signature: %v", err)
	}
	body := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(body) != 3 || body[0] != "vksndtc.gov.vn/tdkt" {
		t.Fatalf("checkpoint body %q", n.Text)
	}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	cr := rf.NewEmptyRange(0)
	lines := strings.Split(strings.TrimSuffix(export, "\n"), "\n")
	for _, l := range lines {
		if err := cr.Append(rfc6962.DefaultHasher.HashLeaf([]byte(l)), nil); err != nil {
			t.Fatal(err)
		}
	}
	root, err := cr.GetRootHash(nil)
	if err != nil {
		t.Fatal(err)
	}
	if body[1] != fmt.Sprint(len(lines)) || body[2] != base64.StdEncoding.EncodeToString(root) {
		t.Fatalf("third-party root %s over %d lines; checkpoint says %s over %s", base64.StdEncoding.EncodeToString(root), len(lines), body[2], body[1])
	}
	// And one changed byte in the export changes the root.
	tampered := strings.Replace(lines[7], "Trà Vinh", "Trà Vinb", 1)
	cr = rf.NewEmptyRange(0)
	for i, l := range lines {
		if i == 7 {
			l = tampered
		}
		cr.Append(rfc6962.DefaultHasher.HashLeaf([]byte(l)), nil)
	}
	if r2, _ := cr.GetRootHash(nil); bytes.Equal(r2, root) {
		t.Fatal("a changed byte left the root unchanged")
	}
}

// TestCorruptedPage damages ledger.db below SQLite's level, as a failing
// disk would: bytes of a page holding event text, then a b-tree page
// header. verify (and serve's start-up check) must say the ledger is bad,
// never that it verifies.
func TestCorruptedPage(t *testing.T) {
	corrupt := func(t *testing.T, dir string, at func(b []byte) int) {
		t.Helper()
		path := filepath.Join(dir, sqlite.FileName)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		i := at(b)
		if i < 0 {
			t.Fatal("nothing to corrupt")
		}
		for k := i; k < i+8 && k < len(b); k++ {
			b[k] ^= 0x5a
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("EventText", func(t *testing.T) {
		dir, _, _ := newVerifyLedger(t)
		corrupt(t, dir, func(b []byte) int { return bytes.LastIndex(b, []byte("Trà Vinh")) })
		mustVerifyFail(t, nil, "verify", "--data", dir)
	})
	t.Run("BTreePageHeader", func(t *testing.T) {
		dir, _, _ := newVerifyLedger(t)
		// Page 2 holds a table or index the event scan does not read:
		// only SQLite's page check (--integrity) sees it.
		corrupt(t, dir, func(b []byte) int { return 4096 + 0 })
		code, out, errs := execMain(t.Context(), "verify", "--data", dir, "--integrity")
		if code == 0 || strings.Contains(out, "hợp lệ:") {
			t.Fatalf("verify passed a ledger with a damaged page:\n%s\n%s", out, errs)
		}
		t.Logf("verify on a damaged b-tree page: exit %d: %s", code, errs)
	})
}
