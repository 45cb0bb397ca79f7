package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// mustExec runs args and fails the test unless it exits 0; it returns
// stdout.
func mustExec(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := execMain(t.Context(), args...)
	if code != 0 {
		t.Fatalf("tdkt %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// writeFile writes b to name in a new temporary directory.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "data")
	vkey := strings.TrimSpace(mustExec(t, "keys", "generate", "--data", dir))
	v, err := ledger.NewVerifier(vkey)
	if err != nil {
		t.Fatalf("generate printed %q: %v", vkey, err)
	}
	if v.Name() != defaultOrigin {
		t.Errorf("key name %q, want %q", v.Name(), defaultOrigin)
	}
	for file, mode := range map[string]os.FileMode{signerKeyFile: 0o600, verifierKeyFile: 0o644} {
		fi, err := os.Stat(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("%s has mode %v, want %v", file, fi.Mode().Perm(), mode)
		}
	}
	skey, err := os.ReadFile(filepath.Join(dir, signerKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.NewSigner(string(skey)); err != nil {
		t.Fatalf("ledger.key: %v", err)
	}
	if got := mustExec(t, "keys", "show", "--data", dir); got != vkey+"\n" {
		t.Errorf("keys show = %q, want %q", got, vkey+"\n")
	}

	t.Run("OverwriteRefused", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "keys", "generate", "--data", dir)
		if code != 1 || !strings.Contains(errs, "already exists") || out != "" {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, signerKeyFile)); !bytes.Equal(b, skey) {
			t.Error("the signer key changed")
		}
		if got := mustExec(t, "keys", "show", "--data", dir); got != vkey+"\n" {
			t.Errorf("keys show = %q after a refused generate", got)
		}
	})
	t.Run("Origin", func(t *testing.T) {
		d := t.TempDir()
		out := mustExec(t, "keys", "generate", "--data", d, "--origin", "vksnd.example/tdkt")
		if !strings.HasPrefix(out, "vksnd.example/tdkt+") {
			t.Errorf("generate --origin printed %q", out)
		}
	})
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"BadOrigin", []string{"keys", "generate", "--data", t.TempDir(), "--origin", "a b"}, 1, "contains a space"},
		{"ShowNoKey", []string{"keys", "show", "--data", t.TempDir()}, 1, "run tdkt keys generate"},
		{"ShowOrigin", []string{"keys", "show", "--data", dir, "--origin", "x"}, 2, "--origin is for keys generate"},
		{"NoAction", []string{"keys", "--data", dir}, 2, "want 1 argument(s) (generate|show)"},
		{"BadAction", []string{"keys", "rotate", "--data", dir}, 2, `unknown action "rotate"`},
		{"CheckpointNoKey", []string{"checkpoint", "--data", t.TempDir()}, 1, "no signer key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := execMain(t.Context(), tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, want %d and %q\nstdout: %s\nstderr: %s", code, tt.code, tt.want, out, errs)
			}
		})
	}
}

func TestVerifyCheckpoint(t *testing.T) {
	dir, lines, root := newVerifyLedger(t)
	vkey := strings.TrimSpace(mustExec(t, "keys", "generate", "--data", dir))
	note := mustExec(t, "checkpoint", "--data", dir)
	cp, err := ledger.ParseCheckpoint([]byte(note[:strings.Index(note, "\n\n")+1]))
	if err != nil {
		t.Fatalf("checkpoint printed %q: %v", note, err)
	}
	if cp.Size != verifyEvents || cp.Root != root || cp.Origin != defaultOrigin {
		t.Fatalf("checkpoint %+v, want size %d root %s", cp, verifyEvents, root)
	}
	cpFile := writeFile(t, "cp.txt", []byte(note))
	export := writeFile(t, "ledger.jsonl", bytes.Join(lines, nil))
	vkeyFile := filepath.Join(dir, verifierKeyFile)

	t.Run("Holds", func(t *testing.T) {
		for _, args := range [][]string{
			{"verify", "--data", dir, "--checkpoint", cpFile, "--key", vkey},
			{"verify", "--data", dir, "--checkpoint", cpFile, "--key", vkeyFile},
			{"verify", "--export", export, "--checkpoint", cpFile, "--key", vkey},
			{"verify", "--export", export, "--checkpoint", cpFile, "--checkpoint", cpFile, "--key", vkeyFile},
		} {
			out := mustExec(t, args...)
			if !strings.Contains(out, "checkpoint "+cpFile+" holds") {
				t.Errorf("tdkt %s:\n%s", strings.Join(args, " "), out)
			}
		}
	})
	t.Run("OtherKey", func(t *testing.T) {
		other := t.TempDir()
		otherKey := strings.TrimSpace(mustExec(t, "keys", "generate", "--data", other))
		mustVerifyFail(t, []string{"checkpoint " + cpFile, "signature does not verify"},
			"verify", "--data", dir, "--checkpoint", cpFile, "--key", otherKey)
		// A checkpoint of the right ledger, under the same origin, signed by
		// another key.
		signer, err := readSignerKeyFile(other)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := ledger.Sign(cp, signer)
		if err != nil {
			t.Fatal(err)
		}
		forged := writeFile(t, "forged.txt", msg)
		for _, mode := range [][]string{{"--data", dir}, {"--export", export}} {
			args := append([]string{"verify", "--checkpoint", forged, "--key", vkey}, mode...)
			mustVerifyFail(t, []string{"checkpoint " + forged, "signature does not verify"}, args...)
		}
	})
	t.Run("EditedBody", func(t *testing.T) {
		for _, ed := range []struct{ old, new string }{
			{"\n19\n", "\n18\n"},
			{defaultOrigin + "\n", "tdkt.local/ledgex\n"},
			{"\n19\n", "\n19\nextension\n"},
		} {
			edited := writeFile(t, "edited.txt", []byte(strings.Replace(note, ed.old, ed.new, 1)))
			mustVerifyFail(t, []string{"checkpoint " + edited, "signature does not verify"},
				"verify", "--export", export, "--checkpoint", edited, "--key", vkey)
		}
	})
	t.Run("ExportOneByteChanged", func(t *testing.T) {
		ls := make([][]byte, len(lines))
		copy(ls, lines)
		ls[7] = bytes.Replace(ls[7], []byte("số 13"), []byte("số 17"), 1)
		edited := writeFile(t, "edited.jsonl", bytes.Join(ls, nil))
		mustVerifyFail(t, []string{"checkpoint " + cpFile, "the root of the first 19 events", "differs"},
			"verify", "--export", edited, "--checkpoint", cpFile, "--key", vkey)
	})
	t.Run("ExportTooShort", func(t *testing.T) {
		short := writeFile(t, "short.jsonl", bytes.Join(lines[:10], nil))
		mustVerifyFail(t, []string{"checkpoint " + cpFile + " is of 19 events", "has only 10 lines"},
			"verify", "--export", short, "--checkpoint", cpFile, "--key", vkey)
	})
	t.Run("LaterAppends", func(t *testing.T) {
		// Consistency: after more appends the old checkpoint still holds,
		// as does a new one, in both modes.
		s, err := sqlite.Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		more := appendTestEvents(t, s, 5)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		newer := writeFile(t, "cp2.txt", []byte(mustExec(t, "checkpoint", "--data", dir)))
		all := writeFile(t, "all.jsonl", bytes.Join(append(append([][]byte{}, lines...), more...), nil))
		for _, mode := range [][]string{{"--data", dir}, {"--export", all}} {
			args := append([]string{"verify", "--checkpoint", newer, "--checkpoint", cpFile, "--key", vkey}, mode...)
			out := mustExec(t, args...)
			if !strings.Contains(out, "checkpoint "+cpFile+" holds") || !strings.Contains(out, "checkpoint "+newer+" holds") {
				t.Errorf("tdkt %s:\n%s", strings.Join(args, " "), out)
			}
		}
		// The old export is shorter than the new checkpoint.
		mustVerifyFail(t, []string{"checkpoint " + newer, "has only 19 lines"},
			"verify", "--export", export, "--checkpoint", cpFile, "--checkpoint", newer, "--key", vkey)
	})
	t.Run("LedgerRewritten", func(t *testing.T) {
		// A ledger rewritten consistently (events and tree) still verifies
		// on its own, but not against the checkpoint.
		d := t.TempDir()
		s, err := sqlite.Open(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		appendTestEvents(t, s, 10)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		mustExec(t, "verify", "--data", d)
		mustVerifyFail(t, []string{"checkpoint " + cpFile, "the root of the first 19 events of the ledger differs"},
			"verify", "--data", d, "--checkpoint", cpFile, "--key", vkey)
	})
	t.Run("CommandLine", func(t *testing.T) {
		for _, tt := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{"verify", "--data", dir, "--checkpoint", cpFile}, 2, "--checkpoint needs --key"},
			{[]string{"verify", "--export", export, "--key", vkey}, 2, "--key is for checking --checkpoint"},
			{[]string{"verify", "--data", dir, "--checkpoint", cpFile, "--key", "nokey"}, 1, "no such file, and not a verifier key"},
			{[]string{"verify", "--data", dir, "--checkpoint", filepath.Join(dir, "none"), "--key", vkey}, 1, "no such file"},
		} {
			code, out, errs := execMain(t.Context(), tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("tdkt %s: exit %d, want %d and %q\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), code, tt.code, tt.want, out, errs)
			}
		}
	})
}
