package kurrent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

// ErrInsecureCredentials: a connection string carries credentials but
// turns TLS off. The client attaches credentials only over TLS, so they
// would be dropped silently and every call would run anonymously.
var ErrInsecureCredentials = errors.New("credentials with tls=false: the KurrentDB client sends credentials only over TLS and would silently drop them, so every call would be anonymous; use tls=true (with tlsCAFile= for a private CA) or remove the user:password")

// IsURL reports whether s names a KurrentDB store: a connection string
// with the scheme esdb, esdb+discover, kurrentdb or kurrentdb+discover. cmd
// uses it to pick the backend for --store.
func IsURL(s string) bool {
	for _, p := range []string{"esdb://", "esdb+discover://", "kurrentdb://", "kurrentdb+discover://", "kurrent://", "kurrent+discover://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// ParseURL parses a KurrentDB connection string into a client
// configuration:
//
//	esdb://user:pass@host:2113?tls=true&tlsCAFile=/etc/tdkt/ca.crt   one node
//	esdb://host1:2113,host2:2113,host3:2113?tlsCAFile=ca.crt         cluster, seed list
//	esdb+discover://cluster.internal:2113?nodePreference=leader      cluster, gossip via DNS name
//
// The schemes kurrentdb:// and kurrent:// (with +discover) are accepted as
// aliases of esdb://, since v4 of the client knows only esdb. TLS is on
// unless tls=false. ParseURL refuses credentials together with tls=false
// (ErrInsecureCredentials), because the client would drop them silently.
// The client's log output goes to slog.Default at debug level; set
// Options.Logger to change it.
func ParseURL(s string) (*esdb.Configuration, error) {
	if !IsURL(s) {
		return nil, fmt.Errorf("kurrent: %q is not a KurrentDB connection string (esdb://host:2113?tls=true or esdb+discover://cluster:2113)", redact(s))
	}
	if i := strings.Index(s, "://"); i >= 0 {
		scheme := strings.ToLower(s[:i])
		scheme = strings.Replace(scheme, "kurrentdb", "esdb", 1)
		scheme = strings.Replace(scheme, "kurrent", "esdb", 1)
		s = scheme + s[i:]
	}
	cfg, err := esdb.ParseConnectionString(s)
	if err != nil {
		return nil, fmt.Errorf("kurrent: parse connection string %q: %w", redact(s), err)
	}
	if err := checkConfig(cfg); err != nil {
		return nil, err
	}
	cfg.Logger = slogLogger(slog.Default())
	return cfg, nil
}

// checkConfig refuses configurations the client would run in a way the
// operator did not mean.
func checkConfig(cfg *esdb.Configuration) error {
	if cfg.DisableTLS && (cfg.Username != "" || cfg.Password != "") {
		return fmt.Errorf("kurrent: %w", ErrInsecureCredentials)
	}
	return nil
}

// redact hides the password of a connection string in messages.
func redact(s string) string {
	at := strings.LastIndex(s, "@")
	i := strings.Index(s, "://")
	if at < 0 || i < 0 || at < i {
		return s
	}
	user := s[i+3 : at]
	if c := strings.Index(user, ":"); c >= 0 {
		user = user[:c] + ":***"
	}
	return s[:i+3] + user + s[at:]
}

// slogLogger adapts the client's logging to slog at debug level: the
// client logs every dropped subscription and failed call as an error,
// which the store reports itself.
func slogLogger(l *slog.Logger) esdb.LoggingFunc {
	return func(level esdb.LogLevel, format string, args ...any) {
		l.Log(context.Background(), slog.LevelDebug, "kurrentdb client: "+fmt.Sprintf(format, args...), "level", string(level))
	}
}
