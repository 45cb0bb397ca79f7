package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
)

// Role is what a bearer token may do. The set is closed: RoleAdmin,
// RoleCouncil, RoleCluster, RoleUnit and RoleAuditor.
type Role string

// Roles (issue 6, "Auth"). Which role may run which command is the
// permission table in permission.go.
const (
	// RoleAdmin is the sector council's standing office: every command,
	// every read.
	RoleAdmin Role = "admin"
	// RoleCouncil is a unit's emulation and commendation council: its
	// councils, and the awards of its unit and the units under it.
	RoleCouncil Role = "council"
	// RoleCluster is a cluster leader: the scores, rankings and covenants of
	// the clusters it leads. Its token's units are cluster ids.
	RoleCluster Role = "cluster"
	// RoleUnit is a unit: its own registrations, initiatives and proposals.
	RoleUnit Role = "unit"
	// RoleAuditor reads everything, the ledger and proofs included, and
	// writes nothing.
	RoleAuditor Role = "auditor"
)

// Roles returns every role, in the order of the permission table.
func Roles() []Role { return []Role{RoleAdmin, RoleCouncil, RoleCluster, RoleUnit, RoleAuditor} }

func (r Role) valid() bool { return slices.Contains(Roles(), r) }

// TokenRecord is one line of the tokens file: who a token is, and the
// SHA-256 of the token (never the token itself).
type TokenRecord struct {
	// Subject names the holder; it is the actor on every event the token
	// records.
	Subject string `json:"subject"`
	Role    Role   `json:"role"`
	// Units are the unit ids the token acts for (cluster ids for the
	// cluster role). Admin and auditor tokens may leave it empty.
	Units []string `json:"units"`
	// TokenHash is "sha256:" and the lowercase hex SHA-256 of the token.
	TokenHash string `json:"tokenHash"`
}

// Principal is an authenticated caller.
type Principal struct {
	Subject string
	Role    Role
	Units   []string
}

// HasUnit reports whether id is one of the principal's units.
func (p Principal) HasUnit(id string) bool { return slices.Contains(p.Units, id) }

// ErrInvalidTokens: the tokens file is malformed.
var ErrInvalidTokens = errors.New("invalid tokens file")

// Tokens is the set of accepted bearer tokens, held as SHA-256 hashes.
// The zero value accepts no token. Safe for concurrent use (read-only).
type Tokens struct {
	entries []tokenEntry
}

type tokenEntry struct {
	hash [sha256.Size]byte
	p    Principal
}

// NewTokens checks records and returns the set they describe: each needs a
// subject, a known role, units for the council, cluster and unit roles,
// and a well-formed distinct hash.
func NewTokens(records []TokenRecord) (*Tokens, error) {
	t := &Tokens{}
	seen := map[[sha256.Size]byte]bool{}
	for i, rec := range records {
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%w: token %d (%q): %s", ErrInvalidTokens, i, rec.Subject, fmt.Sprintf(format, args...))
		}
		if strings.TrimSpace(rec.Subject) == "" {
			return nil, bad("subject is empty")
		}
		if !rec.Role.valid() {
			return nil, bad("unknown role %q (want admin, council, cluster, unit or auditor)", rec.Role)
		}
		if len(rec.Units) == 0 && (rec.Role == RoleCouncil || rec.Role == RoleCluster || rec.Role == RoleUnit) {
			return nil, bad("role %s needs at least one unit", rec.Role)
		}
		for _, u := range rec.Units {
			if strings.TrimSpace(u) == "" {
				return nil, bad("empty unit id")
			}
		}
		hexHash, ok := strings.CutPrefix(rec.TokenHash, "sha256:")
		if !ok {
			return nil, bad(`tokenHash must start with "sha256:"`)
		}
		raw, err := hex.DecodeString(hexHash)
		if err != nil || len(raw) != sha256.Size {
			return nil, bad("tokenHash is not 64 hex digits")
		}
		var h [sha256.Size]byte
		copy(h[:], raw)
		if seen[h] {
			return nil, bad("the same token is listed twice")
		}
		seen[h] = true
		t.entries = append(t.entries, tokenEntry{hash: h, p: Principal{Subject: rec.Subject, Role: rec.Role, Units: slices.Clone(rec.Units)}})
	}
	return t, nil
}

// ParseTokens reads a tokens file: a JSON array of TokenRecord.
func ParseTokens(r io.Reader) (*Tokens, error) {
	recs, err := parseTokenRecords(r)
	if err != nil {
		return nil, err
	}
	return NewTokens(recs)
}

func parseTokenRecords(r io.Reader) ([]TokenRecord, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var recs []TokenRecord
	if err := dec.Decode(&recs); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidTokens, err)
	}
	return recs, nil
}

// LoadTokenRecords reads the records of the tokens file at path, for a
// caller that adds records of its own (serve --demo) before NewTokens.
func LoadTokenRecords(path string) ([]TokenRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := parseTokenRecords(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

// LoadTokens reads the tokens file at path.
func LoadTokens(path string) (*Tokens, error) {
	recs, err := LoadTokenRecords(path)
	if err != nil {
		return nil, err
	}
	t, err := NewTokens(recs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Len returns the number of tokens.
func (t *Tokens) Len() int {
	if t == nil {
		return 0
	}
	return len(t.entries)
}

// Authenticate returns the principal whose token is token. It hashes token
// and compares the hash with every stored one in constant time, without
// stopping at a match, so the time taken says nothing about which token
// (or how much of one) matched.
func (t *Tokens) Authenticate(token string) (Principal, bool) {
	if t == nil || token == "" {
		return Principal{}, false
	}
	h := sha256.Sum256([]byte(token))
	found := -1
	for i := range t.entries {
		if subtle.ConstantTimeCompare(h[:], t.entries[i].hash[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Principal{}, false
	}
	return t.entries[found].p, true
}

// TokenPrefix starts every token GenerateToken makes, so a leaked one is
// easy to recognise (e.g. by secret scanners).
const TokenPrefix = "tdkt_"

// GenerateToken returns a fresh random token (128 bits from crypto/rand)
// and the record that accepts it, for the tokens file or serve --demo.
func GenerateToken(role Role, subject string, units []string) (plaintext string, rec TokenRecord) {
	plaintext = TokenPrefix + strings.ToLower(rand.Text())
	return plaintext, TokenRecord{Subject: subject, Role: role, Units: slices.Clone(units), TokenHash: HashToken(plaintext)}
}

// HashToken returns the tokenHash of a token: "sha256:" and its hex SHA-256.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return "sha256:" + hex.EncodeToString(h[:])
}

// principalKey is the context key of the authenticated principal.
type principalKey struct{}

// NewContextWithPrincipal returns ctx carrying p.
func NewContextWithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFromContext returns the authenticated principal, if any.
func PrincipalFromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// access says who may call a route.
type access int

const (
	// accessPublic: anyone (health, readiness, metrics, the OpenAPI document).
	accessPublic access = iota
	// accessRead: any authenticated role.
	accessRead
	// accessLedger: any authenticated role, or anyone when PublicLedger is
	// set.
	accessLedger
	// accessStandings: any authenticated role, or anyone when
	// PublicStandings is set.
	accessStandings
	// accessCommand: any authenticated role at the door; the command
	// handler then checks the permission table.
	accessCommand
)

// bearerToken returns the token of an "Authorization: Bearer …" header.
func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

var (
	unauthorizedProblem = problemKind{http.StatusUnauthorized, "urn:tdkt:problem:unauthorized", "Authentication required (Cần xác thực)"}
	forbiddenProblem    = problemKind{http.StatusForbidden, "urn:tdkt:problem:forbidden", "Forbidden (Không có quyền)"}
)

// authenticate wraps h with the route's access rule. Public routes never
// look at the Authorization header (a probe with a stale token must not
// fail). Elsewhere a request that carries a token is authenticated even
// where anonymous callers are let in (public standings, a public ledger),
// so a client learns early that its token is wrong.
func (s *Server) authenticate(a access, h http.HandlerFunc) http.HandlerFunc {
	if a == accessPublic {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		tok, has := bearerToken(r)
		if !has {
			if r.Header.Get("Authorization") != "" {
				s.unauthorized(w, r, `invalid_request`, "The Authorization header must be \"Bearer <token>\". (Tiêu đề Authorization phải có dạng \"Bearer <mã>\".)")
				return
			}
			if s.anonymousMay(a) {
				h(w, r)
				return
			}
			s.unauthorized(w, r, "", "This route needs a bearer token. (Cần mã truy cập.)")
			return
		}
		client := clientOf(r)
		if blocked, wait := s.authLimiter.blocked(client); blocked {
			s.tooManyFailures(w, r, wait)
			return
		}
		p, ok := s.Tokens.Authenticate(tok)
		if !ok {
			s.authLimiter.fail(client)
			s.unauthorized(w, r, "invalid_token", "The bearer token is not valid. (Mã truy cập không hợp lệ.)")
			return
		}
		h(w, r.WithContext(NewContextWithPrincipal(r.Context(), p)))
	}
}

func (s *Server) anonymousMay(a access) bool {
	switch a {
	case accessLedger:
		return s.PublicLedger
	case accessStandings:
		return s.PublicStandings
	}
	return false
}

// unauthorized writes a 401 with a WWW-Authenticate challenge (RFC 6750).
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, code, detail string) {
	challenge := `Bearer realm="tdkt"`
	if code != "" {
		challenge += `, error="` + code + `"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	writeProblem(w, r, problemOf(unauthorizedProblem, detail))
}
