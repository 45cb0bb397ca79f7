package ledger_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/eventstore/ledger"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// fuzzOrigin names the fixed key of the fuzz targets.
const fuzzOrigin = "tdkt.example/ledger"

// fuzzKeys returns a fixed key pair, the same on every run, so signed notes
// in the committed corpus stay valid.
func fuzzKeys(f *testing.F) (note.Signer, note.Verifier) {
	f.Helper()
	skey, vkey, err := ledger.GenerateKey(fuzzOrigin, rngReader{rand.New(rand.NewPCG(8, 8))})
	if err != nil {
		f.Fatal(err)
	}
	signer, err := ledger.NewSigner(skey)
	if err != nil {
		f.Fatal(err)
	}
	verifier, err := ledger.NewVerifier(vkey)
	if err != nil {
		f.Fatal(err)
	}
	return signer, verifier
}

func fuzzCheckpoint(f *testing.F, signer note.Signer, size uint64) []byte {
	f.Helper()
	msg, err := ledger.Sign(ledger.Checkpoint{Origin: fuzzOrigin, Size: size, Root: tlog.Hash{1, 2, 3}}, signer)
	if err != nil {
		f.Fatal(err)
	}
	return msg
}

// FuzzOpenCheckpoint: Open never panics on any note, signed or not, and a
// checkpoint it accepts is our key's, and its body is the note's text, byte
// for byte, so signing it again opens to the same checkpoint.
//
// sign makes the target sign msg as note text with the fixed key first, so
// the fuzzer reaches the checkpoint parser behind a valid signature.
func FuzzOpenCheckpoint(f *testing.F) {
	signer, verifier := fuzzKeys(f)
	msg := fuzzCheckpoint(f, signer, 5)
	f.Add(msg, false)
	f.Add(fuzzCheckpoint(f, signer, 0), false)
	f.Add([]byte(fuzzOrigin+"\n5\n"+specRoot+"\n"), true)
	f.Add([]byte(fuzzOrigin+"\n5\n"+specRoot+"\nextension\n"), true)
	f.Add([]byte("other.example/log\n5\n"+specRoot+"\n"), true)
	// A witness cosignature line after ours.
	cosigned := append(bytes.Clone(msg), []byte("— witness.example/w AAAAAQ"+strings.Repeat("A", 84)+"\n")...)
	f.Add(cosigned, false)
	f.Add(bytes.Replace(msg, []byte("\n5\n"), []byte("\n6\n"), 1), false)
	f.Fuzz(func(t *testing.T, msg []byte, sign bool) {
		if sign {
			signed, err := note.Sign(&note.Note{Text: string(msg)}, signer)
			if err != nil {
				return // not note text
			}
			msg = signed
		}
		cp, err := ledger.Open(msg, verifier)
		if err != nil {
			return
		}
		if cp.Origin != verifier.Name() {
			t.Fatalf("accepted origin %q under key %q", cp.Origin, verifier.Name())
		}
		n, err := note.Open(msg, note.VerifierList(verifier))
		if err != nil {
			t.Fatalf("ledger.Open accepted a note note.Open rejects: %v", err)
		}
		if body := cp.Body(); string(body) != n.Text {
			t.Fatalf("Body() = %q, the note's text %q", body, n.Text)
		}
		again, err := ledger.Sign(cp, signer)
		if err != nil {
			t.Fatalf("Sign of an accepted checkpoint: %v", err)
		}
		if cp2, err := ledger.Open(again, verifier); err != nil || cp2 != cp {
			t.Fatalf("re-signed checkpoint opens to %+v, %v; want %+v", cp2, err, cp)
		}
	})
}

// FuzzParseReceipt: ParseReceipt never panics, and a receipt it accepts
// marshals back to the same bytes: a receipt has one written form.
func FuzzParseReceipt(f *testing.F) {
	signer, _ := fuzzKeys(f)
	cp := fuzzCheckpoint(f, signer, 5)
	line := []byte(`{"seq":3,"id":"00000000-0000-7000-8000-000000000001","stream":"s","type":"T","schema":1,"revision":0,"recordedAt":"2024-03-01T00:00:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{}}`)
	f.Add(ledger.Receipt{Line: line, Seq: 3, Proof: []tlog.Hash{{1}, {2}, {3}}, Checkpoint: cp}.Marshal())
	f.Add(ledger.Receipt{Line: line, Seq: 0, Checkpoint: cp}.Marshal())
	f.Add(ledger.Receipt{Line: []byte("x"), Seq: 1 << 62, Proof: []tlog.Hash{{}}, Checkpoint: nil}.Marshal())
	f.Add([]byte(ledger.ReceiptHeader + "\nextra eA==\nindex 01\n\n"))
	f.Add([]byte(ledger.ReceiptHeader + "\nindex 0\nextra eA==\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ledger.ParseReceipt(data)
		if err != nil {
			return
		}
		if got := r.Marshal(); !bytes.Equal(got, data) {
			t.Fatalf("ParseReceipt accepted %q, which marshals back as %q", data, got)
		}
	})
}
