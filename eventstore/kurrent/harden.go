package kurrent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

// Immutability hardening.
//
// By default KurrentDB lets any user who may write a stream also delete it
// ($d) and rewrite its metadata ($mw: $maxCount, $maxAge, $tb, $acl), which
// hides history until a scavenge removes it for good. The server-wide
// default ACL lives in the last event of the system stream $settings; only
// admins can write it. Harden appends a policy that keeps $d and $mw of
// user streams, and everything of system streams, to $admins. Admins
// themselves cannot be restricted, and operators can still scavenge and
// touch the chunk files: the ledger index and its Merkle tree are what
// detect that (see docs/KURRENTDB.md).

// settingsStream is KurrentDB's system settings stream.
const settingsStream = "$settings"

// adminsRole is KurrentDB's administrators group.
const adminsRole = "$admins"

// Credentials are a KurrentDB user's login and password.
type Credentials struct {
	Login    string
	Password string
}

func (c Credentials) esdb() *esdb.Credentials {
	if c == (Credentials{}) {
		return nil
	}
	return &esdb.Credentials{Login: c.Login, Password: c.Password}
}

// HardenPolicy is who may use ledger streams under the policy Harden
// writes. Deleting streams and writing stream metadata are always left to
// $admins.
type HardenPolicy struct {
	// Readers may read ledger streams and their metadata. Default
	// ["$all"], KurrentDB's own default.
	Readers []string
	// Writers may append to ledger streams. Default ["$all"].
	Writers []string
}

// Hardening is what CheckHardening found in $settings.
type Hardening struct {
	// Secure is false when the connection has TLS off: such a node is
	// normally run --insecure, which enforces no ACLs at all.
	Secure bool
	// Checked is true if $settings could be read (it needs an admin).
	Checked bool
	// DeleteRestricted: deleting and tombstoning user streams ($d) is
	// left to $admins.
	DeleteRestricted bool
	// MetadataRestricted: writing user stream metadata ($mw) is left to
	// $admins.
	MetadataRestricted bool
	// SystemRestricted: writing, deleting and changing the metadata of
	// system streams is left to $admins.
	SystemRestricted bool
	// Problems says in words what is not hardened.
	Problems []string
}

// OK reports whether the policy is in force: a secure connection and every
// restriction present.
func (h Hardening) OK() bool {
	return h.Secure && h.Checked && h.DeleteRestricted && h.MetadataRestricted && h.SystemRestricted
}

// aclDoc is a KurrentDB ACL in $settings. Each role list is a string or
// an array of strings in JSON.
type aclDoc struct {
	Read      roles `json:"$r,omitempty"`
	Write     roles `json:"$w,omitempty"`
	Delete    roles `json:"$d,omitempty"`
	MetaRead  roles `json:"$mr,omitempty"`
	MetaWrite roles `json:"$mw,omitempty"`
}

type settingsDoc struct {
	UserStreamACL   *aclDoc `json:"$userStreamAcl,omitempty"`
	SystemStreamACL *aclDoc `json:"$systemStreamAcl,omitempty"`
}

type roles []string

func (r *roles) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*r = roles{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("a role list must be a string or an array of strings: %w", err)
	}
	*r = many
	return nil
}

// adminsOnly reports whether only admins hold the right: the list names
// no role but $admins (an empty list leaves it to admins too, since admins
// bypass ACLs).
func (r roles) adminsOnly(set bool) bool {
	if !set {
		return false // absent: the server default, $all
	}
	for _, x := range r {
		if x != adminsRole {
			return false
		}
	}
	return true
}

// CheckHardening reads the last event of $settings (reading it needs admin
// credentials on a secure node; zero Credentials use the connection's own)
// and reports whether stream deletion and metadata writes are restricted to
// $admins. It returns an error only if the read fails for a reason other
// than access; a denied read is reported in Hardening.Problems.
func (s *Store) CheckHardening(ctx context.Context, creds Credentials) (Hardening, error) {
	h := Hardening{Secure: s.tls}
	if !s.tls {
		h.Problems = append(h.Problems, "the connection has tls=false: an insecure KurrentDB node enforces no ACLs, so anyone can delete streams and rewrite their metadata")
	}
	rs, err := s.client.ReadStream(ctx, settingsStream, esdb.ReadStreamOptions{
		Direction: esdb.Backwards, From: esdb.End{}, Authenticated: creds.esdb()}, 1)
	if err != nil {
		return h, fmt.Errorf("read %s: %w", settingsStream, mapErr(err))
	}
	defer rs.Close()
	ev, err := rs.Recv()
	var esErr *esdb.Error
	var settings settingsDoc
	switch {
	case errors.As(err, &esErr) && esErr.Code() == esdb.ErrorCodeResourceNotFound,
		errors.Is(err, io.EOF):
		h.Checked = true
		h.Problems = append(h.Problems, "$settings is empty: the server's default ACL lets any writer delete streams and rewrite their metadata; run tdkt kurrent harden")
		return h, nil
	case errors.As(err, &esErr) && (esErr.Code() == esdb.ErrorCodeAccessDenied || esErr.Code() == esdb.ErrorCodeUnauthenticated):
		h.Problems = append(h.Problems, "cannot read $settings: reading it needs admin credentials, so the policy is unknown")
		return h, nil
	case err != nil:
		return h, fmt.Errorf("read %s: %w", settingsStream, mapErr(err))
	}
	h.Checked = true
	if err := json.Unmarshal(ev.OriginalEvent().Data, &settings); err != nil {
		h.Problems = append(h.Problems, fmt.Sprintf("the last $settings event is not a settings document: %v", err))
		return h, nil
	}
	if u := settings.UserStreamACL; u != nil {
		h.DeleteRestricted = u.Delete.adminsOnly(u.Delete != nil)
		h.MetadataRestricted = u.MetaWrite.adminsOnly(u.MetaWrite != nil)
	}
	if sys := settings.SystemStreamACL; sys != nil {
		h.SystemRestricted = sys.Write.adminsOnly(sys.Write != nil) && sys.Delete.adminsOnly(sys.Delete != nil) &&
			sys.MetaWrite.adminsOnly(sys.MetaWrite != nil)
	}
	if !h.DeleteRestricted {
		h.Problems = append(h.Problems, "deleting user streams ($userStreamAcl $d) is not restricted to $admins")
	}
	if !h.MetadataRestricted {
		h.Problems = append(h.Problems, "writing user stream metadata ($userStreamAcl $mw: $maxCount, $maxAge, $tb, $acl) is not restricted to $admins")
	}
	if !h.SystemRestricted {
		h.Problems = append(h.Problems, "writing, deleting or changing metadata of system streams ($systemStreamAcl) is not restricted to $admins")
	}
	return h, nil
}

// Harden appends the hardening policy to $settings with admin credentials:
// user streams may be read and written by the policy's readers and
// writers, and deleted or have their metadata changed only by $admins;
// system streams are for $admins alone. Each $settings event replaces the
// whole setting, so the policy is written in full. A nil policy means the
// defaults.
//
// Credentials travel only over TLS; on a tls=false connection Harden
// refuses credentials (ErrInsecureCredentials) and writes anonymously with
// zero Credentials, which only an --insecure node accepts, where ACLs are
// not enforced anyway.
func (s *Store) Harden(ctx context.Context, admin Credentials, policy *HardenPolicy) error {
	if !s.tls && admin != (Credentials{}) {
		return fmt.Errorf("harden: %w", ErrInsecureCredentials)
	}
	var p HardenPolicy
	if policy != nil {
		p = *policy
	}
	if len(p.Readers) == 0 {
		p.Readers = []string{"$all"}
	}
	if len(p.Writers) == 0 {
		p.Writers = []string{"$all"}
	}
	admins := roles{adminsRole}
	doc := settingsDoc{
		UserStreamACL:   &aclDoc{Read: p.Readers, Write: p.Writers, Delete: admins, MetaRead: p.Readers, MetaWrite: admins},
		SystemStreamACL: &aclDoc{Read: admins, Write: admins, Delete: admins, MetaRead: admins, MetaWrite: admins},
	}
	body, err := json.Marshal(&doc)
	if err != nil {
		return fmt.Errorf("harden: %w", err)
	}
	_, err = s.client.AppendToStream(ctx, settingsStream, esdb.AppendToStreamOptions{Authenticated: admin.esdb()},
		esdb.EventData{EventType: "update-default-acl", ContentType: esdb.ContentTypeJson, Data: body})
	if err != nil {
		var esErr *esdb.Error
		if errors.As(err, &esErr) && (esErr.Code() == esdb.ErrorCodeAccessDenied || esErr.Code() == esdb.ErrorCodeUnauthenticated) {
			return fmt.Errorf("harden: writing %s needs an admin: %w", settingsStream, err)
		}
		return fmt.Errorf("harden: write %s: %w", settingsStream, mapErr(err))
	}
	return nil
}

// String summarises the report for logs and /readyz.
func (h Hardening) String() string {
	if h.OK() {
		return "hardened: stream deletion and metadata writes are restricted to $admins"
	}
	return "not hardened: " + strings.Join(slices.Clip(h.Problems), "; ")
}
