package ledger_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

func appendN(t *testing.T, s eventstore.Store, rng *rand.Rand, n int) {
	t.Helper()
	for i := 0; i < n; {
		k := min(n-i, 100)
		evs := make([]eventstore.Event, k)
		for j := range evs {
			evs[j] = eventstore.Event{ID: uuid.New(), Type: "ScoreRecorded", Schema: 1,
				Data: fmt.Appendf(nil, `{"unit":"Viện kiểm sát nhân dân tỉnh %d","điểm":%d}`, rng.IntN(34), rng.IntN(100))}
		}
		if _, err := s.Append(t.Context(), fmt.Sprintf("scorecard-%d", rng.IntN(50)), eventstore.Any, evs...); err != nil {
			t.Fatal(err)
		}
		i += k
	}
}

func receiptFor(t *testing.T, s *sqlite.Store, c *ledger.Checkpointer, seq uint64) []byte {
	t.Helper()
	ctx := t.Context()
	msg, cp, err := c.Covering(ctx, seq+1)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ledger.InclusionProof(ctx, s, seq, cp.Size)
	if err != nil {
		t.Fatal(err)
	}
	var line []byte
	for e, err := range s.ReadAll(ctx, seq) {
		if err != nil {
			t.Fatal(err)
		}
		line = eventstore.ExportLine(&e)
		break
	}
	return ledger.Receipt{Line: line, Seq: seq, Proof: p, Checkpoint: msg}.Marshal()
}

// outsiderVerify checks a receipt the way an inspector's own tool would,
// sharing no code with the ledger: split the tlog-proof text by hand, check
// the signature with sumdb/note, and the proof with transparency-dev/merkle.
func outsiderVerify(t *testing.T, receipt []byte, vkey string) error {
	t.Helper()
	head, cpText, ok := strings.Cut(string(receipt), "\n\n")
	if !ok {
		return errors.New("no blank line")
	}
	lines := strings.Split(head, "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" {
		return errors.New("not a tlog-proof")
	}
	line, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[1], "extra "))
	if err != nil {
		return err
	}
	index, err := strconv.ParseUint(strings.TrimPrefix(lines[2], "index "), 10, 64)
	if err != nil {
		return err
	}
	var hashes [][]byte
	for _, l := range lines[3:] {
		h, err := base64.StdEncoding.DecodeString(l)
		if err != nil {
			return err
		}
		hashes = append(hashes, h)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return err
	}
	n, err := note.Open([]byte(cpText), note.VerifierList(v))
	if err != nil {
		return err
	}
	body := strings.Split(n.Text, "\n")
	size, _ := strconv.ParseUint(body[1], 10, 64)
	root, err := base64.StdEncoding.DecodeString(body[2])
	if err != nil {
		return err
	}
	return proof.VerifyInclusion(rfc6962.DefaultHasher, index, size, rfc6962.DefaultHasher.HashLeaf(line), hashes, root)
}

func TestReceipt(t *testing.T) {
	seed := newSeed(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	ctx := t.Context()
	s, err := sqlite.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	const origin = "vks.example/tdkt"
	signer, verifier, vkey := testKeys(t, origin, rng)
	c, err := ledger.NewCheckpointer(s, signer, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	appendN(t, s, rng, 300)
	seq := uint64(rng.IntN(300))
	receipt := receiptFor(t, s, c, seq)

	t.Run("OK", func(t *testing.T) {
		r, ev, cp, err := ledger.VerifyReceipt(receipt, verifier)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Seq != seq || r.Seq != seq || cp.Size != 300 || cp.Origin != origin {
			t.Fatalf("seq %d/%d, checkpoint %+v", ev.Seq, r.Seq, cp)
		}
		if err := outsiderVerify(t, receipt, vkey); err != nil {
			t.Fatalf("independent verifier: %v", err)
		}
		back, err := ledger.ParseReceipt(receipt)
		if err != nil || !bytes.Equal(back.Marshal(), receipt) {
			t.Fatalf("parse/marshal round trip: %v", err)
		}
	})

	t.Run("StillVerifiesAfterMoreAppends", func(t *testing.T) {
		appendN(t, s, rng, 3000)
		if _, _, err := c.Issue(ctx); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := ledger.VerifyReceipt(receipt, verifier); err != nil {
			t.Fatal(err)
		}
		// And the ledger still holds the tree the receipt's checkpoint signed.
		r, _ := ledger.ParseReceipt(receipt)
		cp, err := ledger.Open(r.Checkpoint, verifier)
		if err != nil {
			t.Fatal(err)
		}
		root, err := s.TreeHash(ctx, cp.Size)
		if err != nil || root != cp.Root {
			t.Fatalf("root at %d now %s, signed %s (%v)", cp.Size, root, cp.Root, err)
		}
		// A new receipt for the same event is against the newer checkpoint.
		r2 := receiptFor(t, s, c, seq)
		if _, _, cp2, err := ledger.VerifyReceipt(r2, verifier); err != nil || cp2.Size != 3300 {
			t.Fatalf("new receipt: size %d, %v", cp2.Size, err)
		}
	})

	_, otherVerifier, _ := testKeys(t, origin, rng)
	tampered := map[string]func([]byte) []byte{
		"ErrProofFailed/LineByte": func(b []byte) []byte {
			r, _ := ledger.ParseReceipt(b)
			i := bytes.LastIndexByte(r.Line, '}') - 2
			r.Line[i] ^= 1 // one digit of the score
			return r.Marshal()
		},
		"ErrProofFailed/Index": func(b []byte) []byte {
			r, _ := ledger.ParseReceipt(b)
			r.Seq ^= 1
			return r.Marshal()
		},
		"ErrProofFailed/ProofHash": func(b []byte) []byte {
			r, _ := ledger.ParseReceipt(b)
			r.Proof[len(r.Proof)/2][3] ^= 0x80
			return r.Marshal()
		},
		"ErrSignature/CheckpointSize": func(b []byte) []byte {
			return bytes.Replace(b, []byte("\n300\n"), []byte("\n301\n"), 1)
		},
		"ErrMalformedReceipt/Header": func(b []byte) []byte {
			return bytes.Replace(b, []byte("tlog-proof@v1"), []byte("tlog-proof@v2"), 1)
		},
		"ErrMalformedReceipt/NoCheckpoint": func(b []byte) []byte {
			i := bytes.Index(b, []byte("\n\n"))
			return b[:i+1]
		},
	}
	for name, f := range tampered {
		t.Run(name, func(t *testing.T) {
			bad := f(bytes.Clone(receipt))
			if bytes.Equal(bad, receipt) {
				t.Fatal("tampering changed nothing")
			}
			_, _, _, err := ledger.VerifyReceipt(bad, verifier)
			want := map[string]error{"ErrProofFailed": ledger.ErrProofFailed, "ErrSignature": ledger.ErrSignature,
				"ErrMalformedReceipt": ledger.ErrMalformedReceipt}[strings.Split(name, "/")[0]]
			if !errors.Is(err, want) {
				t.Fatalf("got %v, want %v", err, want)
			}
			if strings.HasPrefix(name, "ErrProofFailed") || strings.HasPrefix(name, "ErrSignature") {
				if outsiderVerify(t, bad, vkey) == nil {
					t.Fatal("the independent verifier accepted the tampered receipt")
				}
			}
		})
	}
	t.Run("ErrSignature/OtherKey", func(t *testing.T) {
		if _, _, _, err := ledger.VerifyReceipt(receipt, otherVerifier); !errors.Is(err, ledger.ErrSignature) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestCheckpointer(t *testing.T) {
	seed := newSeed(t)
	rng := rand.New(rand.NewPCG(seed, 9))
	ctx := t.Context()
	s, err := sqlite.Open(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	signer, verifier, _ := testKeys(t, "tdkt.local/ledger", rng)
	c, err := ledger.NewCheckpointer(s, signer, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Latest(ctx); !errors.Is(err, ledger.ErrNoCheckpoint) {
		t.Fatalf("Latest on a new ledger: %v", err)
	}
	count := func() int {
		n := 0
		for _, err := range s.Checkpoints(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		return n
	}

	t.Run("EmptyTree", func(t *testing.T) {
		msg, cp, err := c.Issue(ctx)
		if err != nil || cp.Size != 0 {
			t.Fatalf("size %d, %v", cp.Size, err)
		}
		if got, err := ledger.Open(msg, verifier); err != nil || got != cp {
			t.Fatalf("open: %+v %v", got, err)
		}
	})
	t.Run("NoGrowthNoNewCheckpoint", func(t *testing.T) {
		if _, _, err := c.Issue(ctx); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 1 {
			t.Fatalf("%d checkpoints saved, want 1", n)
		}
	})
	t.Run("GrowthSignsAndKeepsEvery", func(t *testing.T) {
		appendN(t, s, rng, 10)
		_, cp, err := c.Issue(ctx)
		if err != nil || cp.Size != 10 {
			t.Fatalf("size %d, %v", cp.Size, err)
		}
		appendN(t, s, rng, 5)
		if _, cp, err := c.Covering(ctx, 10); err != nil || cp.Size != 10 {
			t.Fatalf("Covering(10) signed anew: size %d, %v", cp.Size, err)
		}
		if _, cp, err := c.Covering(ctx, 11); err != nil || cp.Size != 15 {
			t.Fatalf("Covering(11): size %d, %v", cp.Size, err)
		}
		if _, _, err := c.Covering(ctx, 16); !errors.Is(err, ledger.ErrBeyondHead) {
			t.Fatalf("Covering beyond head: %v", err)
		}
		sizes := []uint64{}
		for sc, err := range s.Checkpoints(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			cp, err := ledger.Open(sc.Note, verifier)
			if err != nil || cp.Size != sc.Size {
				t.Fatalf("saved checkpoint %d: %+v %v", sc.Size, cp, err)
			}
			sizes = append(sizes, sc.Size)
		}
		if fmt.Sprint(sizes) != "[0 10 15]" {
			t.Fatalf("saved sizes %v", sizes)
		}
	})
	t.Run("ErrShrink", func(t *testing.T) {
		msg, _, _ := c.Latest(ctx)
		if err := s.SaveCheckpoint(ctx, 12, msg); err == nil {
			t.Fatal("the ledger saved a checkpoint smaller than the last")
		}
	})
	t.Run("RunOnSchedule", func(t *testing.T) {
		appendN(t, s, rng, 3)
		rctx, cancel := context.WithCancel(ctx)
		done := make(chan error)
		go func() { done <- c.Run(rctx, 10*time.Millisecond) }()
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, cp, err := c.Latest(ctx)
			if err == nil && cp.Size == 18 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no checkpoint of 18 events after 10 s: %+v %v", cp, err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("QuickCheck", func(t *testing.T) {
		if err := s.QuickCheck(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
