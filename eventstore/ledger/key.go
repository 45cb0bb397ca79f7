package ledger

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"
)

// GenerateKey makes an Ed25519 key pair for the log called name, encoded as
// sumdb/note signer and verifier keys. name is the log's origin (see
// Sign); it must be a valid note key name: non-empty UTF-8 with no spaces
// and no '+'. The signer key is secret. rand is the entropy source
// (crypto/rand.Reader outside tests); it must not be nil.
func GenerateKey(name string, rand io.Reader) (signerKey, verifierKey string, err error) {
	if err := checkKeyName(name); err != nil {
		return "", "", fmt.Errorf("generate key: %w", err)
	}
	if rand == nil {
		return "", "", errors.New("generate key: nil random source")
	}
	skey, vkey, err := note.GenerateKey(rand, name)
	if err != nil {
		return "", "", fmt.Errorf("generate key: %w", err)
	}
	return skey, vkey, nil
}

// NewSigner parses a signer key made by GenerateKey. Errors wrap
// ErrInvalidKey and never contain the key.
func NewSigner(skey string) (note.Signer, error) {
	s, err := note.NewSigner(strings.TrimSpace(skey))
	if err != nil {
		if !strings.HasPrefix(skey, "PRIVATE+KEY+") {
			return nil, fmt.Errorf("parse signer key: %w: not a signer key (it must start with PRIVATE+KEY+; is it a verifier key?)", ErrInvalidKey)
		}
		return nil, fmt.Errorf("parse signer key: %w: %w", ErrInvalidKey, err)
	}
	return s, nil
}

// NewVerifier parses a verifier key made by GenerateKey
// ("<name>+<hash>+<base64 key>"). Errors wrap ErrInvalidKey.
func NewVerifier(vkey string) (note.Verifier, error) {
	vkey = strings.TrimSpace(vkey)
	if strings.HasPrefix(vkey, "PRIVATE+KEY+") {
		// Say so rather than "malformed", and never echo the secret.
		return nil, fmt.Errorf("parse verifier key: %w: this is a secret signer key; give the verifier key", ErrInvalidKey)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, fmt.Errorf("parse verifier key %q: %w: %w", vkey, ErrInvalidKey, err)
	}
	return v, nil
}

// checkKeyName applies the sumdb/note key name rules, which note.GenerateKey
// does not check itself.
func checkKeyName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%w: empty key name", ErrInvalidKey)
	case !utf8.ValidString(name):
		return fmt.Errorf("%w: key name is not UTF-8", ErrInvalidKey)
	case strings.IndexFunc(name, unicode.IsSpace) >= 0:
		return fmt.Errorf("%w: key name %q contains a space", ErrInvalidKey, name)
	case strings.Contains(name, "+"):
		return fmt.Errorf("%w: key name %q contains '+'", ErrInvalidKey, name)
	}
	return nil
}
