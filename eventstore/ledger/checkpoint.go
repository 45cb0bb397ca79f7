package ledger

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Checkpoint is a tree head: the RFC 6962 root of the ledger's first Size
// events, under the log identity Origin.
type Checkpoint struct {
	Origin string
	Size   uint64
	Root   tlog.Hash
}

// Body returns the checkpoint as C2SP tlog-checkpoint note text:
// "<origin>\n<size>\n<base64 root>\n". It does not validate; Sign does.
func (c Checkpoint) Body() []byte {
	b := make([]byte, 0, len(c.Origin)+1+20+1+44+1)
	b = append(b, c.Origin...)
	b = append(b, '\n')
	b = strconv.AppendUint(b, c.Size, 10)
	b = append(b, '\n')
	b = base64.StdEncoding.AppendEncode(b, c.Root[:])
	b = append(b, '\n')
	return b
}

// validate reports why c cannot be written as a checkpoint that
// ParseCheckpoint would read back as c.
func (c Checkpoint) validate() error {
	if err := checkOrigin(c.Origin); err != nil {
		return err
	}
	return nil
}

// ParseCheckpoint parses C2SP tlog-checkpoint note text strictly: exactly
// three lines, each ending in '\n'; a non-empty origin of printable UTF-8;
// the size in ASCII decimal with no sign, spaces or leading zeros; the
// root in canonical padded standard base64 of 32 bytes. Extension lines
// are rejected (see the package doc). Errors wrap ErrMalformedCheckpoint.
func ParseCheckpoint(body []byte) (Checkpoint, error) {
	var c Checkpoint
	fail := func(format string, args ...any) (Checkpoint, error) {
		return Checkpoint{}, fmt.Errorf("parse checkpoint: %w: "+format, append([]any{ErrMalformedCheckpoint}, args...)...)
	}
	if !bytes.HasSuffix(body, []byte("\n")) {
		return fail("the text does not end in a newline")
	}
	lines := bytes.Split(body[:len(body)-1], []byte("\n"))
	if len(lines) < 3 {
		return fail("%d lines, want 3 (origin, size, root)", len(lines))
	}
	if len(lines) > 3 {
		return fail("%d lines, want 3: extension lines and blank lines are not accepted", len(lines))
	}
	origin, size, root := lines[0], lines[1], lines[2]

	if err := checkOrigin(string(origin)); err != nil {
		return fail("%v", err)
	}
	c.Origin = string(origin)

	if len(size) == 0 || (size[0] == '0' && len(size) > 1) {
		return fail("size %q: want decimal digits without leading zeros", size)
	}
	for _, b := range size {
		if b < '0' || b > '9' {
			return fail("size %q: want decimal digits only", size)
		}
	}
	n, err := strconv.ParseUint(string(size), 10, 64)
	if err != nil {
		return fail("size %q: %v", size, err)
	}
	c.Size = n

	// DecodeString skips '\r' and '\n', so compare against the canonical
	// encoding instead of trusting a successful decode.
	h, err := base64.StdEncoding.Strict().DecodeString(string(root))
	if err != nil || len(h) != tlog.HashSize || base64.StdEncoding.EncodeToString(h) != string(root) {
		return fail("root %q: want the padded standard base64 of %d bytes", root, tlog.HashSize)
	}
	copy(c.Root[:], h)
	return c, nil
}

// checkOrigin requires a non-empty line of printable UTF-8 (letters,
// marks, numbers, punctuation, symbols and the ASCII space).
func checkOrigin(origin string) error {
	switch {
	case origin == "":
		return errors.New("empty origin")
	case !utf8.ValidString(origin):
		return fmt.Errorf("origin %q is not UTF-8", origin)
	}
	for _, r := range origin {
		if !unicode.IsPrint(r) {
			return fmt.Errorf("origin %q contains a control or unprintable character", origin)
		}
	}
	return nil
}

// Sign returns cp as a C2SP signed note signed by signer. The signer's key
// name must equal cp.Origin (ErrOriginMismatch): the origin is the log's
// identity and its checkpoints are signed under that name.
func Sign(cp Checkpoint, signer note.Signer) ([]byte, error) {
	if signer == nil {
		return nil, errors.New("sign checkpoint: nil signer")
	}
	if err := cp.validate(); err != nil {
		return nil, fmt.Errorf("sign checkpoint: %w: %w", ErrMalformedCheckpoint, err)
	}
	if signer.Name() != cp.Origin {
		return nil, fmt.Errorf("sign checkpoint: %w: origin %q, key %q", ErrOriginMismatch, cp.Origin, signer.Name())
	}
	msg, err := note.Sign(&note.Note{Text: string(cp.Body())}, signer)
	if err != nil {
		return nil, fmt.Errorf("sign checkpoint: %w", err)
	}
	return msg, nil
}

// Open verifies a signed checkpoint note against verifier and parses its
// body. It requires a valid signature by verifier (other signatures, such
// as witness cosignatures, are ignored) and an origin equal to the
// verifier's key name. Errors wrap ErrSignature, ErrMalformedCheckpoint or
// ErrOriginMismatch.
func Open(msg []byte, verifier note.Verifier) (Checkpoint, error) {
	if verifier == nil {
		return Checkpoint{}, errors.New("open checkpoint: nil verifier")
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		if errors.As(err, &unverified) {
			var by []string
			for _, s := range unverified.Note.UnverifiedSigs {
				by = append(by, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
			}
			return Checkpoint{}, fmt.Errorf("open checkpoint: %w: no signature by %s+%08x (signed by %s)",
				ErrSignature, verifier.Name(), verifier.KeyHash(), strings.Join(by, ", "))
		}
		return Checkpoint{}, fmt.Errorf("open checkpoint: %w: %w", ErrSignature, err)
	}
	cp, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("open checkpoint: %w", err)
	}
	if cp.Origin != verifier.Name() {
		return Checkpoint{}, fmt.Errorf("open checkpoint: %w: origin %q, key %q", ErrOriginMismatch, cp.Origin, verifier.Name())
	}
	return cp, nil
}
