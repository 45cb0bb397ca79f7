package ledger_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/eventstore/ledger"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// specRoot is the root of the example checkpoint in c2sp.org/tlog-checkpoint.
const specRoot = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="

func mustHash(tb testing.TB, b64 string) tlog.Hash {
	tb.Helper()
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(b) != tlog.HashSize {
		tb.Fatalf("bad hash %q: %v", b64, err)
	}
	return tlog.Hash(b)
}

func TestCheckpointBody(t *testing.T) {
	for _, tc := range []struct {
		name string
		cp   ledger.Checkpoint
		want string
	}{
		{"SpecExample", ledger.Checkpoint{Origin: "example.com/behind-the-sofa", Size: 20852163, Root: mustHash(t, specRoot)},
			"example.com/behind-the-sofa\n20852163\n" + specRoot + "\n"},
		{"Empty", ledger.Checkpoint{Origin: "tdkt.example/ledger", Size: 0},
			"tdkt.example/ledger\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"},
		{"MaxSize", ledger.Checkpoint{Origin: "o", Size: 1<<64 - 1, Root: tlog.Hash{0xff, 1: 0xfe, 31: 0x01}},
			"o\n18446744073709551615\n//4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(tc.cp.Body()); got != tc.want {
				t.Fatalf("Body:\n got %q\nwant %q", got, tc.want)
			}
			back, err := ledger.ParseCheckpoint([]byte(tc.want))
			if err != nil {
				t.Fatalf("ParseCheckpoint: %v", err)
			}
			if back != tc.cp {
				t.Fatalf("ParseCheckpoint = %+v, want %+v", back, tc.cp)
			}
		})
	}
}

func TestParseCheckpoint_ErrMalformedCheckpoint(t *testing.T) {
	const o, r = "example.com/log\n", specRoot + "\n"
	for name, body := range map[string]string{
		"Empty":             "",
		"NoFinalNewline":    "example.com/log\n5\n" + specRoot,
		"TwoLines":          o + "5\n",
		"ExtensionLine":     o + "5\n" + r + "ext\n",
		"BlankLine":         o + "5\n" + r + "\n",
		"EmptyOrigin":       "\n5\n" + r,
		"ControlInOrigin":   "exa\x01mple\n5\n" + r,
		"CRInOrigin":        "example.com/log\r\n5\n" + r,
		"BadUTF8Origin":     "ex\xffample\n5\n" + r,
		"EmptySize":         o + "\n" + r,
		"LeadingZero":       o + "05\n" + r,
		"DoubleZero":        o + "00\n" + r,
		"PlusSign":          o + "+5\n" + r,
		"MinusSign":         o + "-5\n" + r,
		"SpaceInSize":       o + " 5\n" + r,
		"Underscore":        o + "1_000\n" + r,
		"Hex":               o + "0x5\n" + r,
		"SizeOverflow":      o + "18446744073709551616\n" + r,
		"RootNotBase64":     o + "5\n" + strings.Repeat("!", 44) + "\n",
		"RootURLBase64":     o + "5\n" + "CsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n",
		"RootUnpadded":      o + "5\n" + strings.TrimSuffix(specRoot, "=") + "\n",
		"RootShort":         o + "5\n" + base64.StdEncoding.EncodeToString(make([]byte, 31)) + "\n",
		"RootLong":          o + "5\n" + base64.StdEncoding.EncodeToString(make([]byte, 33)) + "\n",
		"RootNonCanonical":  o + "5\n" + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",
		"RootCR":            o + "5\n" + specRoot + "\r\n",
		"RootTrailingSpace": o + "5\n" + specRoot + " \n",
	} {
		t.Run(name, func(t *testing.T) {
			cp, err := ledger.ParseCheckpoint([]byte(body))
			if !errors.Is(err, ledger.ErrMalformedCheckpoint) {
				t.Fatalf("ParseCheckpoint(%q) = %+v, %v; want ErrMalformedCheckpoint", body, cp, err)
			}
		})
	}
}

// FuzzParseCheckpoint: whatever parses is written back byte for byte.
func FuzzParseCheckpoint(f *testing.F) {
	f.Add([]byte("example.com/behind-the-sofa\n20852163\n" + specRoot + "\n"))
	f.Add([]byte("o\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		cp, err := ledger.ParseCheckpoint(body)
		if err != nil {
			return
		}
		if got := cp.Body(); !bytes.Equal(got, body) {
			t.Fatalf("Body() = %q, parsed from %q", got, body)
		}
	})
}

// testKeys returns a key pair for name from a seeded source.
func testKeys(t *testing.T, name string, rng *rand.Rand) (note.Signer, note.Verifier, string) {
	t.Helper()
	skey, vkey, err := ledger.GenerateKey(name, rngReader{rng})
	if err != nil {
		t.Fatalf("GenerateKey: %v", err)
	}
	s, err := ledger.NewSigner(skey)
	if err != nil {
		t.Fatalf("NewSigner: %v", err)
	}
	v, err := ledger.NewVerifier(vkey)
	if err != nil {
		t.Fatalf("NewVerifier: %v", err)
	}
	return s, v, vkey
}

func TestSignOpen(t *testing.T) {
	seed := newSeed(t)
	rng := rand.New(rand.NewPCG(seed, 1))
	const origin = "tdkt.example/ledger"
	signer, verifier, _ := testKeys(t, origin, rng)
	cp := ledger.Checkpoint{Origin: origin, Size: 1234, Root: randHash(rng)}

	msg, err := ledger.Sign(cp, signer)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}

	t.Run("OK", func(t *testing.T) {
		if !bytes.HasPrefix(msg, append(cp.Body(), "\n— "+origin+" "...)) {
			t.Fatalf("signed note is not body, blank line, signature line:\n%s", msg)
		}
		got, err := ledger.Open(msg, verifier)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		if got != cp {
			t.Fatalf("Open = %+v, want %+v", got, cp)
		}
	})

	t.Run("OKCosigned", func(t *testing.T) {
		// A witness cosignature by another key does not get in the way.
		witness, _, _ := testKeys(t, "witness.example", rng)
		n, err := note.Open(msg, note.VerifierList(verifier))
		if err != nil {
			t.Fatal(err)
		}
		cosigned, err := note.Sign(n, witness)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := ledger.Open(cosigned, verifier); err != nil || got != cp {
			t.Fatalf("Open(cosigned) = %+v, %v", got, err)
		}
	})

	t.Run("ErrSignatureTamperedBody", func(t *testing.T) {
		for i := range len(cp.Body()) {
			bad := bytes.Clone(msg)
			bad[i] ^= 0x01
			if _, err := ledger.Open(bad, verifier); err == nil {
				t.Fatalf("Open accepted a note with byte %d changed:\n%s", i, bad)
			}
		}
		// A change that keeps the body a valid checkpoint is a signature
		// failure, not a parse failure.
		bad := bytes.Replace(msg, []byte("\n1234\n"), []byte("\n1235\n"), 1)
		if _, err := ledger.Open(bad, verifier); !errors.Is(err, ledger.ErrSignature) {
			t.Fatalf("Open(size changed) = %v, want ErrSignature", err)
		}
	})

	t.Run("ErrSignatureTamperedSignature", func(t *testing.T) {
		sigLine := bytes.LastIndex(msg, []byte(" ")) + 1
		sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(msg[sigLine:])))
		if err != nil {
			t.Fatal(err)
		}
		sig[len(sig)-1] ^= 0x80
		bad := append(bytes.Clone(msg[:sigLine]), base64.StdEncoding.EncodeToString(sig)+"\n"...)
		if _, err := ledger.Open(bad, verifier); !errors.Is(err, ledger.ErrSignature) {
			t.Fatalf("Open(signature changed) = %v, want ErrSignature", err)
		}
	})

	t.Run("ErrSignatureWrongKey", func(t *testing.T) {
		_, other, _ := testKeys(t, origin, rng) // same name, other key
		if _, err := ledger.Open(msg, other); !errors.Is(err, ledger.ErrSignature) {
			t.Fatalf("Open with another key = %v, want ErrSignature", err)
		}
	})

	t.Run("ErrOriginMismatchSign", func(t *testing.T) {
		other := cp
		other.Origin = "tdkt.example/other"
		if _, err := ledger.Sign(other, signer); !errors.Is(err, ledger.ErrOriginMismatch) {
			t.Fatalf("Sign(other origin) = %v, want ErrOriginMismatch", err)
		}
	})

	t.Run("ErrOriginMismatchOpen", func(t *testing.T) {
		// The log's own key signs a body naming another origin: a valid
		// signature, but not a checkpoint of this log.
		other := cp
		other.Origin = "tdkt.example/other"
		bad, err := note.Sign(&note.Note{Text: string(other.Body())}, signer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ledger.Open(bad, verifier); !errors.Is(err, ledger.ErrOriginMismatch) {
			t.Fatalf("Open(other origin) = %v, want ErrOriginMismatch", err)
		}
	})

	t.Run("ErrMalformedCheckpoint", func(t *testing.T) {
		bad, err := note.Sign(&note.Note{Text: string(cp.Body()) + "extension\n"}, signer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ledger.Open(bad, verifier); !errors.Is(err, ledger.ErrMalformedCheckpoint) {
			t.Fatalf("Open(extension line) = %v, want ErrMalformedCheckpoint", err)
		}
		if _, err := ledger.Sign(ledger.Checkpoint{Origin: "", Size: 1}, signer); !errors.Is(err, ledger.ErrMalformedCheckpoint) {
			t.Fatalf("Sign(empty origin) = %v, want ErrMalformedCheckpoint", err)
		}
	})
}

func TestGenerateKey(t *testing.T) {
	seed := newSeed(t)
	rng := rand.New(rand.NewPCG(seed, 2))

	t.Run("OK", func(t *testing.T) {
		skey, vkey, err := ledger.GenerateKey("tdkt.example/ledger", rngReader{rng})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(skey, "PRIVATE+KEY+tdkt.example/ledger+") || !strings.HasPrefix(vkey, "tdkt.example/ledger+") {
			t.Fatalf("keys %q / %q", skey, vkey)
		}
		s, err := ledger.NewSigner(skey + "\n") // as read from a file
		if err != nil {
			t.Fatal(err)
		}
		v, err := ledger.NewVerifier(vkey + "\n")
		if err != nil {
			t.Fatal(err)
		}
		if s.Name() != v.Name() || s.KeyHash() != v.KeyHash() {
			t.Fatalf("signer %s+%08x, verifier %s+%08x", s.Name(), s.KeyHash(), v.Name(), v.KeyHash())
		}
	})

	t.Run("ErrInvalidKey", func(t *testing.T) {
		for _, name := range []string{"", "a b", "a+b", "tab\there", "\xff"} {
			if _, _, err := ledger.GenerateKey(name, rngReader{rng}); !errors.Is(err, ledger.ErrInvalidKey) {
				t.Errorf("GenerateKey(%q) = %v, want ErrInvalidKey", name, err)
			}
		}
		if _, _, err := ledger.GenerateKey("ok", nil); err == nil {
			t.Error("GenerateKey with nil rand: no error")
		}
		skey, vkey, err := ledger.GenerateKey("ok", rngReader{rng})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ledger.NewSigner(vkey); !errors.Is(err, ledger.ErrInvalidKey) {
			t.Errorf("NewSigner(verifier key) = %v, want ErrInvalidKey", err)
		}
		_, err = ledger.NewVerifier(skey)
		if !errors.Is(err, ledger.ErrInvalidKey) {
			t.Errorf("NewVerifier(signer key) = %v, want ErrInvalidKey", err)
		}
		if err != nil && strings.Contains(err.Error(), skey[len(skey)-20:]) {
			t.Errorf("NewVerifier error leaks the secret key: %v", err)
		}
		for _, bad := range []string{"", "garbage", "ok+00000000+AQ==", vkey[:len(vkey)-4] + "AAA="} {
			if _, err := ledger.NewVerifier(bad); !errors.Is(err, ledger.ErrInvalidKey) {
				t.Errorf("NewVerifier(%q) = %v, want ErrInvalidKey", bad, err)
			}
		}
		if _, err := ledger.NewSigner(skey[:len(skey)-4] + "AAA="); !errors.Is(err, ledger.ErrInvalidKey) {
			t.Errorf("NewSigner(damaged) = %v, want ErrInvalidKey", err)
		}
	})
}
