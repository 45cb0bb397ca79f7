package api_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
)

// ledgerServer opens a server over a fresh embedded store holding n events,
// with a signing key; it returns the server, the store, the verifier key
// and the export lines.
func ledgerServer(t *testing.T, n int, signed bool) (*api.Server, *sqlite.Store, string, [][]byte) {
	t.Helper()
	s, err := sqlite.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i := range n {
		ev := eventstore.Event{ID: uuid.New(), Type: "ScoreRecorded", Schema: 1,
			Data: fmt.Appendf(nil, `{"đơn vị":"Viện kiểm sát nhân dân khu vực %d","điểm":%d}`, i%7, i)}
		if _, err := s.Append(t.Context(), fmt.Sprintf("scorecard-%d", i%5), eventstore.Any, ev); err != nil {
			t.Fatal(err)
		}
	}
	var lines [][]byte
	for e, err := range s.ReadAll(t.Context(), 0) {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, eventstore.ExportLine(&e))
	}
	srv := api.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Store = s
	// These tests are about the ledger routes, not auth (auth_test.go).
	srv.PublicLedger = true
	var vkey string
	if signed {
		skey, vk, err := ledger.GenerateKey("vks.example/tdkt", rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		signer, err := ledger.NewSigner(skey)
		if err != nil {
			t.Fatal(err)
		}
		c, err := ledger.NewCheckpointer(s, signer, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		srv.Checkpoints, srv.VerifierKey, vkey = c, vk, vk
	}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, s, vkey, lines
}

func unb64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLedgerRoutes(t *testing.T) {
	const n = 41
	srv, s, vkey, lines := ledgerServer(t, n, true)
	u := srv.URL()

	t.Run("Key", func(t *testing.T) {
		resp, body := get(t, "GET", u+"/api/v1/ledger/key", nil)
		if resp.StatusCode != 200 || string(body) != vkey+"\n" {
			t.Fatalf("%d %q", resp.StatusCode, body)
		}
	})

	var cp ledger.Checkpoint
	t.Run("Checkpoint", func(t *testing.T) {
		resp, body := get(t, "GET", u+"/api/v1/ledger/checkpoint", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		v, _ := ledger.NewVerifier(vkey)
		var err error
		cp, err = ledger.Open(body, v)
		if err != nil || cp.Size != n {
			t.Fatalf("%+v %v", cp, err)
		}
	})

	t.Run("EventsAreExportLines", func(t *testing.T) {
		resp, body := get(t, "GET", u+"/api/v1/events?from=3&limit=10", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != api.ExportLinesContentType {
			t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		want := append(bytes.Join(lines[3:13], []byte("\n")), '\n')
		if !bytes.Equal(body, want) {
			t.Fatalf("body differs from the export lines:\n%s", body)
		}
		if l := resp.Header.Get("Link"); l != `</api/v1/events?from=13&limit=10>; rel="next"` {
			t.Fatalf("Link %q", l)
		}
		resp, body = get(t, "GET", u+"/api/v1/events?from=40", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Link") != "" || !bytes.Equal(body, append(lines[40], '\n')) {
			t.Fatalf("last page: %d %q %s", resp.StatusCode, resp.Header.Get("Link"), body)
		}
	})

	t.Run("InclusionProofChecksIndependently", func(t *testing.T) {
		for _, seq := range []int{0, 17, n - 1} {
			resp, body := get(t, "GET", fmt.Sprintf("%s/api/v1/ledger/proof/inclusion?seq=%d&size=%d", u, seq, n), nil)
			if resp.StatusCode != 200 {
				t.Fatalf("%d %s", resp.StatusCode, body)
			}
			var p struct {
				Seq, TreeSize      uint64
				LeafHash, RootHash string
				Hashes             []string
			}
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
			var hs [][]byte
			for _, h := range p.Hashes {
				hs = append(hs, unb64(t, h))
			}
			leaf := rfc6962.DefaultHasher.HashLeaf(lines[seq])
			if !bytes.Equal(leaf, unb64(t, p.LeafHash)) || !bytes.Equal(cp.Root[:], unb64(t, p.RootHash)) {
				t.Fatalf("seq %d: leaf or root differs", seq)
			}
			if err := proof.VerifyInclusion(rfc6962.DefaultHasher, uint64(seq), n, leaf, hs, cp.Root[:]); err != nil {
				t.Fatalf("seq %d: %v", seq, err)
			}
		}
	})

	t.Run("ConsistencyProofChecksIndependently", func(t *testing.T) {
		resp, body := get(t, "GET", fmt.Sprintf("%s/api/v1/ledger/proof/consistency?from=%d&to=%d", u, 13, n), nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		var p struct {
			From, To         uint64
			FromRoot, ToRoot string
			Hashes           []string
		}
		if err := json.Unmarshal(body, &p); err != nil {
			t.Fatal(err)
		}
		var hs [][]byte
		for _, h := range p.Hashes {
			hs = append(hs, unb64(t, h))
		}
		old, _ := s.TreeHash(t.Context(), 13)
		if err := proof.VerifyConsistency(rfc6962.DefaultHasher, 13, n, hs, old[:], cp.Root[:]); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Receipt", func(t *testing.T) {
		resp, body := get(t, "GET", u+"/api/v1/events/17/receipt", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "tdkt-event-17.tlog-proof") {
			t.Fatalf("Content-Disposition %q", cd)
		}
		v, _ := ledger.NewVerifier(vkey)
		r, ev, rcp, err := ledger.VerifyReceipt(body, v)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Seq != 17 || !bytes.Equal(r.Line, lines[17]) || rcp.Size != n {
			t.Fatalf("seq %d, size %d", ev.Seq, rcp.Size)
		}
	})

	t.Run("ReceiptSignsACheckpointOnDemand", func(t *testing.T) {
		ev := eventstore.Event{ID: uuid.New(), Type: "AwardDecided", Schema: 1, Data: []byte(`{"số":"123/QĐ-VKSTC"}`)}
		if _, err := s.Append(t.Context(), "award-1", eventstore.NoStream, ev); err != nil {
			t.Fatal(err)
		}
		resp, body := get(t, "GET", fmt.Sprintf("%s/api/v1/events/%d/receipt", u, n), nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		v, _ := ledger.NewVerifier(vkey)
		if _, _, rcp, err := ledger.VerifyReceipt(body, v); err != nil || rcp.Size != n+1 {
			t.Fatalf("size %d, %v", rcp.Size, err)
		}
	})

	for _, tc := range []struct {
		name, path string
		status     int
		field      string
	}{
		{"ErrInvalid/SeqMissing", "/api/v1/ledger/proof/inclusion", 400, "seq"},
		{"ErrInvalid/SeqNotNumber", "/api/v1/ledger/proof/inclusion?seq=abc", 400, "seq"},
		{"ErrInvalid/SeqNotInTree", "/api/v1/ledger/proof/inclusion?seq=5&size=5", 400, "seq"},
		{"ErrBeyondHead/Size", "/api/v1/ledger/proof/inclusion?seq=5&size=1000", 404, ""},
		{"ErrInvalid/FromAfterTo", "/api/v1/ledger/proof/consistency?from=9&to=3", 400, "from"},
		{"ErrBeyondHead/To", "/api/v1/ledger/proof/consistency?from=1&to=1000", 404, ""},
		{"ErrInvalid/LimitZero", "/api/v1/events?limit=0", 400, "limit"},
		{"ErrInvalid/LimitTooLarge", "/api/v1/events?limit=10001", 400, "limit"},
		{"ErrInvalid/FromNegative", "/api/v1/events?from=-1", 400, "from"},
		{"ErrBeyondHead/Receipt", "/api/v1/events/5000/receipt", 404, ""},
		{"ErrNotFound/ReceiptSeqNotNumber", "/api/v1/events/x/receipt", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, "GET", u+tc.path, nil)
			p := decodeProblem(t, resp, body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			var f struct{ Field string }
			_ = json.Unmarshal(body, &f)
			if f.Field != tc.field {
				t.Fatalf("field %q, want %q (%s)", f.Field, tc.field, p.Detail)
			}
		})
	}
}

func TestLedgerRoutesWithoutKey(t *testing.T) {
	srv, _, _, _ := ledgerServer(t, 3, false)
	for _, path := range []string{"/api/v1/ledger/key", "/api/v1/ledger/checkpoint", "/api/v1/events/1/receipt"} {
		resp, body := get(t, "GET", srv.URL()+path, nil)
		p := decodeProblem(t, resp, body)
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(p.Detail, "keys generate") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
	// Proofs need no key.
	resp, body := get(t, "GET", srv.URL()+"/api/v1/ledger/proof/inclusion?seq=1", nil)
	if resp.StatusCode != 200 {
		t.Errorf("inclusion proof without a key: %d %s", resp.StatusCode, body)
	}
}
