package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/domain/demo"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/kurrent"
	"github.com/tdkt/tdkt/eventstore/ledger"
	"github.com/tdkt/tdkt/eventstore/sqlite"
	"github.com/tdkt/tdkt/projections"
	"golang.org/x/mod/sumdb/note"
)

// Start-up checks of serve (--check).
const (
	// CheckQuick checks the tree's size, the newest leaves and the newest
	// saved checkpoints before serving (milliseconds).
	CheckQuick = "quick"
	// CheckFull recomputes every leaf and tree hash in the background, as
	// tdkt verify --data does; /readyz says not ready until it passes.
	CheckFull = "full"
	// CheckOff skips the start-up check.
	CheckOff = "off"
)

// DefaultMemoryLimitMiB is serve's default soft memory limit, set once the
// read models are loaded: those of the national benchmark ledger (1M
// events) hold about 630 MiB, and with the limit the heap stays under it
// instead of doubling between collections (docs/BENCHMARKS.md).
const DefaultMemoryLimitMiB = 900

// DefaultCheckpointInterval is how often serve signs a checkpoint while the
// ledger grows.
const DefaultCheckpointInterval = time.Minute

// runServe opens the store named by the configuration, checks it, starts
// the checkpointer and the HTTP server. It returns once the server listens;
// Close stops them all.
func (m *Main) runServe(ctx context.Context) error {
	// served is what serve needs of a backend: the Store contract, the
	// Merkle tree and a place to keep signed checkpoints.
	type served interface {
		eventstore.Store
		ledger.TreeReader
		ledger.CheckpointLog
	}
	var store served
	srv := api.NewServer()
	srv.Addr = m.Config.Addr
	srv.Logger = m.Logger
	srv.PublicStandings = m.Config.PublicStandings
	var demoSteps []demo.Step
	var demoToks *demoTokens
	if m.Config.Demo {
		var err error
		if demoSteps, err = demo.Sector(demoSeed); err != nil {
			return fmt.Errorf("the demo sector: %w", err)
		}
		demoToks = newDemoTokens(demoSteps)
		// The demo is public data: its standings, report and ledger can be
		// read without a token, as a newcomer's browser would.
		srv.PublicStandings, srv.PublicLedger = true, true
	}
	switch {
	case m.Config.Tokens != "" || demoToks != nil:
		var recs []api.TokenRecord
		if m.Config.Tokens != "" {
			var err error
			if recs, err = api.LoadTokenRecords(m.Config.Tokens); err != nil {
				return err
			}
		}
		if demoToks != nil {
			recs = append(recs, demoToks.records...)
		}
		tokens, err := api.NewTokens(recs)
		if err != nil {
			return err
		}
		srv.Tokens = tokens
	default:
		// Without a tokens file nobody can write, and the ledger routes stay
		// as public as they were before authentication existed.
		srv.PublicLedger = true
		m.Logger.Warn("no --tokens file: commands answer 401 and the ledger routes (export lines included) are readable without a token")
	}
	switch m.Config.Store.Kind {
	case StoreSQLite:
		s, err := sqlite.Open(m.Config.Store.Dir, &sqlite.Options{Logger: m.Logger})
		if err != nil {
			return err
		}
		m.Store = s
		store = s
	case StoreKurrentDB:
		s, err := kurrent.Open(ctx, &kurrent.Options{URL: m.Config.Store.URL, Logger: m.Logger})
		if err != nil {
			return err
		}
		m.Kurrent = s
		store = s
		h, err := s.CheckHardening(ctx, kurrent.Credentials{})
		if err != nil {
			return fmt.Errorf("check the KurrentDB ACL policy: %w", err)
		}
		srv.ReadyDetails = map[string]string{"store": "kurrentdb", "hardening": h.String()}
		if !h.OK() {
			m.Logger.Warn("KurrentDB is not hardened: an admin can delete or rewrite ledger streams without the ACL saying no (the Merkle log still detects it); run tdkt kurrent harden", "report", h.String())
		}
	default:
		// validateServe lets only built backends through.
		return fmt.Errorf("%w: store kind %q", ErrNotSupported, m.Config.Store.Kind)
	}
	srv.Store = store

	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.stopBackground = cancel
	if err := os.MkdirAll(m.Config.Store.Dir, 0o750); err != nil {
		return err
	}
	signer, vkey, err := m.serveKey()
	if err != nil {
		return err
	}
	cpr, err := ledger.NewCheckpointer(store, signer, store, m.Logger)
	if err != nil {
		return err
	}
	srv.Checkpoints = cpr
	srv.VerifierKey = vkey

	runner, err := m.openProjections(store)
	if err != nil {
		return err
	}
	srv.Queries = newQueries(runner)
	srv.ClusterStreams = api.ClusterStreamsFrom(srv.Queries.Clusters, store)
	srv.ProjectionLag = func() map[string]uint64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		lag, _ := runner.Lag(ctx)
		return lag
	}

	if m.Store != nil {
		switch m.Config.Check {
		case CheckQuick:
			if err := m.Store.QuickCheck(ctx); err != nil {
				m.refuse(srv, fmt.Errorf("start-up check: %w", err))
			}
		case CheckFull:
			srv.SetUnready("verifying the ledger (serve --check full)")
			m.background.Add(1)
			go func() {
				defer m.background.Done()
				cps := &checkpointSet{}
				if err := m.verifyData(bg, m.Config.Store.Dir, cps, io.Discard, true); err != nil {
					if bg.Err() == nil {
						m.refuse(srv, fmt.Errorf("start-up check (full): %w", err))
					}
					return
				}
				m.Logger.Info("start-up check passed: every leaf and tree hash matches the events")
				srv.SetUnready("")
			}()
		}
	}

	// The read models' saved states are loaded before the server listens
	// (a few seconds for a million-event ledger; nothing for a new one).
	// One that cannot be read leaves the server up, serving the ledger,
	// and unready with the reason (as a projection that fails does).
	if err := runner.Load(ctx); err != nil {
		m.Logger.Error("projections: load the saved states", "err", err)
		srv.SetUnready("the read models' saved states cannot be loaded: " + err.Error())
	}
	// Decoding them (hundreds of megabytes of JSON on a national ledger)
	// leaves as much garbage as the read models hold: give it back to the
	// system now rather than when the scavenger gets to it
	// (docs/BENCHMARKS.md, serve's resident memory).
	debug.FreeOSMemory()
	// The limit applies from here: while the states are decoded, the heap
	// holds them and their garbage, and a limit would only make the
	// collector run without end (start-up 7.5 s instead of 3 s on the
	// national ledger with 800 MiB).
	if lim := m.Config.MemoryLimitMiB; lim > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(lim) << 20)
	}
	if err := srv.Open(); err != nil {
		return err
	}
	m.HTTPServer = srv

	// The read models follow the ledger until Close; /readyz stays unready
	// until they have caught up with the head found at Open.
	m.background.Add(1)
	go func() {
		defer m.background.Done()
		if err := runner.Run(bg); err != nil {
			m.Logger.Error("projections stopped", "err", err)
		}
	}()

	if m.Store == nil || m.Store.Fault() == nil {
		m.background.Add(1)
		go func() {
			defer m.background.Done()
			_ = cpr.Run(bg, m.Config.CheckpointInterval)
		}()
	}

	head, err := store.Head(ctx)
	if err != nil {
		return err
	}
	where := m.Config.Store.URL
	if m.Store != nil {
		where = m.Store.Path()
	}
	m.Logger.Info("serving", "url", srv.URL(), "addr", srv.ListenAddr(), "ledger", where, "events", head, "origin", signer.Name())
	fmt.Fprintf(m.Stdout, "tdkt đang phục vụ tại %s (sổ cái %s, %d sự kiện); nhấn Ctrl+C để dừng.\n",
		srv.URL(), where, head)
	fmt.Fprintf(m.Stdout, "khóa kiểm tra chữ ký (verifier key): %s\n", vkey)
	if demoToks != nil {
		if err := m.serveDemo(ctx, store, srv.URL(), demoSteps, demoToks); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "mở %s/bang-xep-hang?nam=2024 và %s/bao-cao-to-chuc-lai?nam=2025 để xem.\n", srv.URL(), srv.URL())
	}
	return nil
}

// serveDemo writes the demo sector into an empty store through srv's own
// command pipeline, and prints a token per role to try the API with. A
// store that already holds events is left as it is (a restart of serve
// --demo on the same directory).
func (m *Main) serveDemo(ctx context.Context, store interface {
	Head(context.Context) (uint64, error)
}, url string, steps []demo.Step, tokens *demoTokens) error {
	head, err := store.Head(ctx)
	if err != nil {
		return err
	}
	if head == 0 {
		start := time.Now()
		res, err := loadDemo(ctx, &http.Client{Timeout: time.Minute}, url, steps, tokens, nil)
		if err != nil {
			return fmt.Errorf("load the demo sector: %w", err)
		}
		m.Logger.Info("demo sector loaded", "commands", res.recorded+res.repeated, "events", res.events, "intendedRefusals", res.refused, "took", time.Since(start))
		fmt.Fprintf(m.Stdout, "đã nạp ngành mẫu: %d lệnh, %d sự kiện (người trong dữ liệu mẫu đều là hư cấu).\n", res.recorded+res.repeated, res.events)
	} else {
		m.Logger.Info("serve --demo: the store already holds events; the demo sector is not loaded again", "events", head)
	}
	tokens.print(m.Stdout, url)
	return nil
}

// refuse turns the store read-only and the server unready after a failed
// start-up check: reads (and verify) keep working so the damage can be
// examined, but nothing is written on top of it.
func (m *Main) refuse(srv *api.Server, err error) {
	m.Logger.Error("the ledger failed its start-up check: refusing writes", "err", err)
	m.Store.Refuse(err)
	srv.SetUnready(err.Error())
}

// serveKey reads the ledger's signing key from the data directory, making
// one (with the default origin) on first start so that checkpoints and
// receipts work out of the box; the verifier key is logged so an operator
// can hand it to auditors.
func (m *Main) serveKey() (signer note.Signer, vkey string, err error) {
	dir := m.Config.Store.Dir
	kpath := filepath.Join(dir, signerKeyFile)
	if _, err := os.Stat(kpath); errors.Is(err, fs.ErrNotExist) {
		skey, vk, err := ledger.GenerateKey(defaultOrigin, rand.Reader)
		if err != nil {
			return nil, "", err
		}
		if err := writeNewFile(kpath, skey+"\n", 0o600); err != nil {
			return nil, "", err
		}
		if err := writeNewFile(filepath.Join(dir, verifierKeyFile), vk+"\n", 0o644); err != nil {
			return nil, "", err
		}
		m.Logger.Info("generated the ledger's signing key on first start; give the verifier key to auditors",
			"signerKey", kpath, "verifierKey", vk)
	}
	signer, err = readSignerKeyFile(dir)
	if err != nil {
		return nil, "", err
	}
	verifier, vkey, err := readVerifierKeyFile(dir)
	if err != nil {
		return nil, "", err
	}
	if verifier.Name() != signer.Name() || verifier.KeyHash() != signer.KeyHash() {
		return nil, "", fmt.Errorf("%s and %s are not one key pair", signerKeyFile, verifierKeyFile)
	}
	return signer, vkey, nil
}

// openProjections returns the read models' runner over store: every
// projection registered, their state persisted in DIR/projections for the
// embedded store (a restart resumes from the saved checkpoints instead of
// replaying the ledger), in memory for KurrentDB.
func (m *Main) openProjections(store projections.Feed) (*projections.Runner, error) {
	var states projections.StateStore = projections.NewMemStateStore()
	if m.Store != nil {
		fs, err := projections.NewFileStateStore(filepath.Join(m.Config.Store.Dir, "projections"))
		if err != nil {
			return nil, err
		}
		states = fs
	}
	runner, err := projections.NewRunner(store, states, nil)
	if err != nil {
		return nil, err
	}
	if err := projections.RegisterAll(runner); err != nil {
		return nil, err
	}
	return runner, nil
}

// newQueries returns the api's read models over runner.
func newQueries(runner *projections.Runner) api.Queries {
	return api.Queries{
		Standings:      projections.NewStandings(runner, nil),
		Reorganization: projections.NewReorganization(runner),
		Units:          projections.NewUnits(runner),
		Clusters:       projections.NewClusters(runner),
		Awards:         projections.NewAwards(runner),
		Audit:          projections.NewAudit(runner),
		Deadlines:      projections.NewDeadlines(runner),
		Councils:       projections.NewCouncils(runner),
		Registrations:  projections.NewRegistrations(runner),
		Initiatives:    projections.NewInitiatives(runner),
		Eligibility:    projections.NewEligibility(runner, nil),
		Projections:    runner,
	}
}
