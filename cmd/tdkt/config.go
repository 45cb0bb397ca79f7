package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/tdkt/tdkt/eventstore/kurrent"
)

// Store kinds: which backend serve opens.
const (
	// StoreSQLite is the embedded store in the data directory (the default).
	StoreSQLite = "sqlite"
	// StoreKurrentDB is a KurrentDB cluster named by --store (issue 7).
	StoreKurrentDB = "kurrentdb"
)

// Configuration errors. ParseFlags reports them as usage errors (exit 2).
var (
	ErrInvalidAddr  = errors.New("invalid --addr")
	ErrInvalidData  = errors.New("invalid --data")
	ErrInvalidStore = errors.New("invalid --store")
	// ErrNotSupported: the configuration names something tdkt does not do yet.
	ErrNotSupported = errors.New("not supported yet")
)

// Config is the configuration of tdkt's commands, from flags. Each command
// reads the fields it has flags for.
type Config struct {
	// Addr is the TCP address serve listens on, host:port.
	Addr string
	// Store says where the ledger is.
	Store StoreConfig
	// Check is serve's start-up check: CheckQuick, CheckFull or CheckOff.
	Check string
	// CheckpointInterval is how often serve signs a checkpoint while the
	// ledger grows.
	CheckpointInterval time.Duration
	// Demo asks serve to load the sample sector into an empty store first.
	Demo bool
	// Tokens is serve's bearer tokens file (JSON: subject, role, units,
	// tokenHash); "" means no tokens: commands are refused (401) and the
	// ledger routes stay readable anonymously.
	Tokens string
	// PublicStandings lets anonymous callers read the standings and the
	// reorganization report.
	PublicStandings bool
	// MemoryLimitMiB is serve's soft limit on the Go runtime's memory
	// (debug.SetMemoryLimit), in MiB; 0 means none. GOMEMLIMIT wins.
	MemoryLimitMiB int
	// From is the first seq export writes.
	From uint64
	// ImportFile is the export file import reads.
	ImportFile string
	// BackupFile is where backup writes its copy.
	BackupFile string
	// Verify is the configuration of verify.
	Verify VerifyConfig
	// KurrentAction is kurrent's action: "harden".
	KurrentAction string
	// Replay is the configuration of replay.
	Replay ReplayConfig
	// Keys is the configuration of keys.
	Keys KeysConfig
	// Report is the configuration of report and standings (report.go).
	Report ReportConfig
	// Bench is the configuration of bench (bench.go).
	Bench BenchConfig
}

// BenchConfig is what tdkt bench generates and measures (bench.go).
type BenchConfig struct {
	// Profile is the synthetic sector's size: "national" or "small".
	Profile string
	// Seed makes the sector.
	Seed uint64
	// Runs is how many times each figure is measured.
	Runs int
	// Dir is the work directory; "" means a temporary one.
	Dir string
	// Out is a JSON file for the figures; "" means none.
	Out string
	// Skip are steps not to run.
	Skip []string
	// Postgres is the DSN of the PostgreSQL baseline; "" skips it.
	Postgres string
	// CPUProfileDir receives a CPU profile per step; "" means none.
	CPUProfileDir string
	// Duration is the length of each timed load; 0 means by profile.
	Duration time.Duration
	// Binary is the tdkt binary serve runs from; "" means this one, and
	// BinaryEnv is added to its environment (tests run themselves).
	Binary    string
	BinaryEnv []string
	// Doc and Template: render Template into the Markdown file Doc.
	Doc, Template string
	// Command is the command line the document shows.
	Command string
}

// VerifyConfig is what tdkt verify checks.
type VerifyConfig struct {
	// Export is an export file to verify instead of the store in --data.
	Export string
	// Integrity adds SQLite's PRAGMA quick_check to verify --data.
	Integrity bool
	// Receipt is a receipt file (from /api/v1/events/{seq}/receipt) to
	// check offline against Key.
	Receipt string
	// DataGiven is set when --data was on the command line.
	DataGiven bool
	// Checkpoints are --checkpoint: signed checkpoint files to check, each
	// against Key (--key: a verifier key, or a file holding one).
	Checkpoints []string
	Key         string
}

// StoreConfig picks the ledger's backend.
type StoreConfig struct {
	// Kind is StoreSQLite or StoreKurrentDB.
	Kind string
	// Dir is the embedded store's data directory (ledger.db lives in it).
	Dir string
	// URL is the KurrentDB connection string, for StoreKurrentDB.
	URL string
}

// DefaultConfig returns the defaults of DESIGN.md: serve on
// 127.0.0.1:8080, the embedded store in ./data.
func DefaultConfig() Config {
	return Config{
		Addr:               "127.0.0.1:8080",
		Store:              StoreConfig{Kind: StoreSQLite, Dir: "./data"},
		Check:              CheckQuick,
		Replay:             ReplayConfig{Lang: "vi"},
		CheckpointInterval: DefaultCheckpointInterval,
		MemoryLimitMiB:     DefaultMemoryLimitMiB,
		Bench:              BenchConfig{Profile: "national", Seed: 1, Runs: 3},
	}
}

// parseStoreURL sets the store kind from --store: empty means the embedded
// store; esdb://, esdb+discover://, kurrentdb:// and kurrentdb+discover://
// name KurrentDB.
func (c *StoreConfig) parseStoreURL(s string) error {
	c.URL = s
	if s == "" {
		c.Kind = StoreSQLite
		return nil
	}
	scheme, _, ok := strings.Cut(s, "://")
	if !ok {
		return fmt.Errorf("%w: %q is not a URL (esdb://host:2113, kurrentdb://host:2113)", ErrInvalidStore, s)
	}
	switch strings.ToLower(scheme) {
	case "esdb", "esdb+discover", "kurrentdb", "kurrentdb+discover":
		c.Kind = StoreKurrentDB
		return nil
	default:
		return fmt.Errorf("%w: unknown scheme %q (leave --store out for the embedded store, or use esdb:// or kurrentdb://)", ErrInvalidStore, scheme)
	}
}

// validateServe checks what serve needs.
func (c *Config) validateServe() error {
	if err := validateAddr(c.Addr); err != nil {
		return err
	}
	switch c.Check {
	case CheckQuick, CheckFull, CheckOff:
	default:
		return fmt.Errorf("invalid --check %q: want quick, full or off", c.Check)
	}
	if c.CheckpointInterval < time.Second {
		return fmt.Errorf("invalid --checkpoint-every %v: at least 1s", c.CheckpointInterval)
	}
	if c.MemoryLimitMiB < 0 || c.MemoryLimitMiB > 1<<30 {
		return fmt.Errorf("invalid --memory-limit %d: a number of MiB, 0 for none", c.MemoryLimitMiB)
	}
	switch c.Store.Kind {
	case StoreSQLite:
		if c.Store.Dir == "" {
			return fmt.Errorf("%w: the data directory must not be empty", ErrInvalidData)
		}
	case StoreKurrentDB:
		if _, err := kurrent.ParseURL(c.Store.URL); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidStore, err)
		}
		if c.Check == CheckFull {
			return fmt.Errorf("--check full reads the embedded store's file; on KurrentDB the index is checked at open (use --check quick)")
		}
	default:
		return fmt.Errorf("%w: unknown store kind %q", ErrInvalidStore, c.Store.Kind)
	}
	return nil
}

// validateData checks --data for the commands that read the embedded store.
func (c *Config) validateData() error {
	if c.Store.Dir == "" {
		return fmt.Errorf("%w: the data directory must not be empty", ErrInvalidData)
	}
	return nil
}

// validateAddr accepts host:port with a numeric port 0-65535; the host may
// be empty (all interfaces).
func validateAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%w %q: want host:port, e.g. 127.0.0.1:8080 (%v)", ErrInvalidAddr, addr, err)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("%w %q: the port must be a number from 0 to 65535", ErrInvalidAddr, addr)
	}
	return nil
}

// validateKurrent checks tdkt kurrent's action and --store.
func (c *Config) validateKurrent() error {
	if c.KurrentAction != "harden" {
		return fmt.Errorf("unknown action %q: want harden", c.KurrentAction)
	}
	if c.Store.Kind != StoreKurrentDB {
		return fmt.Errorf("%w: kurrent harden needs --store esdb://… naming the KurrentDB cluster", ErrInvalidStore)
	}
	if _, err := kurrent.ParseURL(c.Store.URL); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidStore, err)
	}
	return nil
}

// runKurrent writes the $settings policy that keeps stream deletion and
// metadata writes to $admins, with the connection string's credentials
// (an admin), then reads it back and prints the report.
func (m *Main) runKurrent(ctx context.Context) error {
	s, err := kurrent.Open(ctx, &kurrent.Options{URL: m.Config.Store.URL, Logger: m.quietLogger()})
	if err != nil {
		return err
	}
	m.Kurrent = s
	if err := s.Harden(ctx, kurrent.Credentials{}, nil); err != nil {
		return err
	}
	h, err := s.CheckHardening(ctx, kurrent.Credentials{})
	if err != nil {
		return err
	}
	yes := map[bool]string{true: "có/yes", false: "KHÔNG/no"}
	fmt.Fprintf(m.Stdout, "$settings written. Read back: deletion restricted to $admins: %s; metadata writes: %s; system streams: %s\n",
		yes[h.DeleteRestricted], yes[h.MetadataRestricted], yes[h.SystemRestricted])
	fmt.Fprintln(m.Stdout, h.String())
	if !h.OK() {
		return fmt.Errorf("the policy was written but does not read back as hardened: %s", h.String())
	}
	return nil
}
