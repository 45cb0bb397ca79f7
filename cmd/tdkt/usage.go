package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// command describes one tdkt command for the parser and the usage text.
type command struct {
	synopsis string // the command line, as in DESIGN.md
	summary  string // one line
	details  string // optional paragraphs after the summary
	// flags registers the command's flags on fs, bound to cfg, and returns
	// the names of its positional arguments.
	flags    func(fs *flag.FlagSet, cfg *Config) []string
	validate func(cfg *Config) error
	// issue is the issue that builds the command, or 0 if it is built.
	issue      int
	issueTitle string
}

// order is the order of the usage text: built commands first.
var order = []string{
	"serve", "demo", "export", "import", "backup", "verify", "replay", "report", "standings", "keys", "checkpoint", "kurrent", "version", "bench",
}

var commands = map[string]command{
	"serve": {
		synopsis: "tdkt serve [--addr 127.0.0.1:8080] [--data ./data] [--store URL] [--demo] [--check quick|full|off] [--checkpoint-every 1m] [--tokens FILE] [--public-standings] [--memory-limit 900]",
		summary:  "serve HTTP on the embedded store in --data: health, the ledger, proofs and receipts",
		details: `serve opens the ledger in --data, checks it (--check), and serves /healthz, /readyz and
the ledger routes: /api/v1/events, /api/v1/ledger/key, /api/v1/ledger/checkpoint,
/api/v1/ledger/proof/inclusion, /api/v1/ledger/proof/consistency and
/api/v1/events/{seq}/receipt. On first start it makes the ledger's signing key
(DIR/` + signerKeyFile + `, DIR/` + verifierKeyFile + `; origin ` + defaultOrigin + `) unless tdkt keys generate
made one; it signs a checkpoint every --checkpoint-every while the ledger grows, and on
demand for a receipt, and keeps every one in the ledger.

--check quick (the default) checks the tree's size, the newest 1,024 leaves and the newest
checkpoints' roots before serving; full recomputes every leaf and tree hash in the
background and keeps /readyz at 503 until it passes; off skips the check. A failed check
makes the ledger read-only and /readyz says why.

--memory-limit is a soft limit, in MiB, on the memory of the Go runtime
(runtime/debug.SetMemoryLimit), set once the read models' saved states are loaded: the
read models live in memory, and without a limit the heap may grow to twice what they
hold before the collector runs. Near the limit the
collector runs more often (it spends CPU, not correctness); 0 removes the limit, and
GOMEMLIMIT in the environment takes precedence over the flag.
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			fs.StringVar(&c.Check, "check", c.Check, "start-up check of the ledger: `quick`, full or off")
			fs.DurationVar(&c.CheckpointInterval, "checkpoint-every", c.CheckpointInterval, "sign a checkpoint this `often` while the ledger grows")
			fs.StringVar(&c.Addr, "addr", c.Addr, "TCP `host:port` to listen on (port 0 picks a free port)")
			dataFlag(fs, c)
			fs.Var(storeFlag{&c.Store}, "store", "KurrentDB `URL` (esdb://host:2113?tls=true, esdb+discover://…) instead of the embedded store; the signing key stays in --data")
			fs.BoolVar(&c.Demo, "demo", c.Demo, "load the demo sector (domain/demo) into an empty store first, through the command API, and print a token per role")
			fs.StringVar(&c.Tokens, "tokens", c.Tokens, "bearer tokens `FILE` (JSON: [{subject, role, units, tokenHash}]); without it commands answer 401 and the ledger routes are public")
			fs.BoolVar(&c.PublicStandings, "public-standings", c.PublicStandings, "let anonymous callers read the standings and the reorganization report")
			fs.IntVar(&c.MemoryLimitMiB, "memory-limit", c.MemoryLimitMiB, "soft limit on the Go runtime's memory, in `MiB` (0: none; GOMEMLIMIT wins)")
			return nil
		},
		validate: (*Config).validateServe,
	},
	"export": {
		synopsis: "tdkt export [--data ./data] [--from SEQ]",
		summary:  "write the ledger to stdout as JSON Lines, one export line per event, in seq order",
		flags: func(fs *flag.FlagSet, c *Config) []string {
			dataFlag(fs, c)
			fs.Var(uint64Flag{&c.From}, "from", "first `SEQ` to export")
			return nil
		},
		validate: (*Config).validateData,
	},
	"backup": {
		synopsis: "tdkt backup [--data ./data] FILE",
		summary:  "write a consistent copy of the ledger to FILE (VACUUM INTO), also while serve runs",
		flags: func(fs *flag.FlagSet, c *Config) []string {
			dataFlag(fs, c)
			return []string{"FILE"}
		},
		validate: (*Config).validateData,
	},
	"verify": {
		synopsis: "tdkt verify [--data ./data] [--checkpoint FILE… --key VKEY] | tdkt verify --export FILE [--checkpoint FILE… --key VKEY] | tdkt verify --receipt FILE --key VKEY",
		summary:  "recompute every leaf, tree hash and the root of the ledger (or of an export file) and name the first bad seq",
		details: `verify --data reads the store read-only (also while serve runs), recomputes each event's
export line, its RFC 6962 leaf and every stored tree hash, compares them with the tree
table, and prints the event count and the root. verify --export checks an export file
(every line canonical, seq dense from 0) and prints its size and root.

--checkpoint FILE (may be repeated) checks a signed checkpoint an auditor kept (from
tdkt checkpoint): its signature by --key (the verifier key, or a file holding it, e.g.
ledger.vkey), then that its size is at most the ledger's (or the export's line count) and
that its root is the root of the ledger's first size events. A checkpoint that holds
proves the ledger today extends, unchanged, the ledger it was signed over. verify --data
also checks every checkpoint serve kept in the ledger (signatures with --key, or with
DIR/ledger.vkey).

--receipt FILE checks one event's receipt (a C2SP tlog-proof file holding the event's
export line, its inclusion proof and the signed checkpoint) with --key alone: no ledger
needed.

Exit codes: 0 everything holds; 1 verification failed (the message names the first bad
seq or tree index, or the checkpoint and what differs) or the ledger could not be read;
2 usage error (also --checkpoint without --key).
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			fs.Var(verifyDataFlag{c}, "data", "data `directory` of the embedded store (holds ledger.db)")
			fs.StringVar(&c.Verify.Export, "export", c.Verify.Export, "verify the export `FILE` (JSON Lines) instead of the store")
			fs.Var(storeFlag{&c.Store}, "store", "verify the ledger on KurrentDB at this `URL` (esdb://…) instead of --data")
			fs.BoolVar(&c.Verify.Integrity, "integrity", false, "with --data, also run SQLite's page-level check (PRAGMA quick_check): damage in indexes and pages the scan does not read")
			fs.StringVar(&c.Verify.Receipt, "receipt", c.Verify.Receipt, "check one receipt `FILE` (from /api/v1/events/{seq}/receipt) offline; needs --key")
			fs.Var(stringsFlag{&c.Verify.Checkpoints}, "checkpoint", "a signed checkpoint `FILE` to check (may be repeated; needs --key)")
			fs.StringVar(&c.Verify.Key, "key", c.Verify.Key, "the ledger's verifier `key`, or a file holding it (ledger.vkey)")
			return nil
		},
		validate: (*Config).validateVerify,
	},
	"keys": {
		synopsis: "tdkt keys generate --data DIR [--origin NAME] | tdkt keys show --data DIR",
		summary:  "the ledger's Ed25519 signing key; generate writes it, show prints the verifier key",
		details: `keys generate makes an Ed25519 note key named --origin (the log's identity and the
origin of its checkpoints; default ` + defaultOrigin + `), writes the secret signer key to
DIR/` + signerKeyFile + ` (mode 0600) and the verifier key to DIR/` + verifierKeyFile + `, and prints the
verifier key. It never overwrites an existing key. keys show prints the verifier key.
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			dataFlag(fs, c)
			fs.StringVar(&c.Keys.Origin, "origin", c.Keys.Origin, "key `name` and checkpoint origin for generate (default "+defaultOrigin+"; no spaces or '+')")
			return []string{"generate|show"}
		},
		validate: (*Config).validateKeys,
	},
	"checkpoint": {
		synopsis: "tdkt checkpoint [--data ./data]",
		summary:  "sign a checkpoint of the ledger's current tree with DIR/ledger.key and print it",
		details: `checkpoint reads the store read-only (also while serve runs), and prints a C2SP
tlog-checkpoint (origin, size, root) signed as a C2SP note with the key from tdkt keys
generate. Keep it in a file: tdkt verify --checkpoint FILE --key VKEY checks the ledger,
or an export of it, against it later.
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			dataFlag(fs, c)
			return nil
		},
		validate: (*Config).validateData,
	},
	"import": {
		synopsis: "tdkt import --data DIR FILE [--checkpoint FILE… --key VKEY]",
		summary:  "append an export file to an empty store, checking every line; the ledger gets the file's root",
		details: `import first checks the whole file as verify --export does (every line a canonical
export line, seq dense from 0, and the root of each --checkpoint), then writes every
event as recorded (seq, revision, recordedAt and all) in one transaction, checking that
each stream's revisions are dense, recordedAt never goes back and ids are unique. On any
failure nothing is written. The imported ledger's root equals the file's; import says so.
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			dataFlag(fs, c)
			fs.Var(stringsFlag{&c.Verify.Checkpoints}, "checkpoint", "a signed checkpoint `FILE` the file must hold (may be repeated; needs --key)")
			fs.StringVar(&c.Verify.Key, "key", c.Verify.Key, "the ledger's verifier `key`, or a file holding it (ledger.vkey)")
			return []string{"FILE"}
		},
		validate: (*Config).validateImport,
	},
	"replay": {
		synopsis: "tdkt replay --data DIR [--stream S] [--type T]… [--from SEQ] [--to SEQ] [--since T] [--until T] [--lang vi|en]",
		summary:  "narrate history event by event for a person to read",
		details: `replay reads the store read-only (also while serve runs) and prints one line per event in
seq order: seq, the date the fact is about (dd/mm/yyyy in Vietnamese), who recorded it
(subject, role, unit), what happened in words with its main fields, the legal basis
(document number, date, issuer), and the stream and revision. --since/--until bound the
time the events were recorded (RFC 3339, or a date as 2025-01-15 or 15/01/2025).
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			dataFlag(fs, c)
			fs.StringVar(&c.Replay.Stream, "stream", "", "only this `stream` (e.g. council-…)")
			fs.Var(stringsFlag{&c.Replay.Types}, "type", "only events of this `type` (may be repeated)")
			fs.Var(uint64Flag{&c.Replay.From}, "from", "first `SEQ`")
			fs.Var(toFlag{&c.Replay}, "to", "last `SEQ`")
			fs.Var(timeFlag{&c.Replay.Since}, "since", "only events recorded at or after `TIME`")
			fs.Var(timeFlag{&c.Replay.Until}, "until", "only events recorded at or before `TIME`")
			fs.StringVar(&c.Replay.Lang, "lang", c.Replay.Lang, "language of the narration: `vi` or en")
			return nil
		},
		validate: (*Config).validateReplay,
	},
	"kurrent": {
		synopsis: "tdkt kurrent harden --store esdb://admin:…@host:2113?tls=true",
		summary:  "write the KurrentDB $settings policy that keeps stream deletion and metadata writes to $admins",
		details: `kurrent harden writes the default ACL to $settings with the connection string's
credentials (an admin; credentials are refused over tls=false), reads it back and prints
whether deletion, metadata writes and system streams are restricted to $admins. An admin
can still delete, scavenge or rewrite; the Merkle log detects it (see docs/KURRENTDB.md).
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			fs.Var(storeFlag{&c.Store}, "store", "KurrentDB connection `URL` (esdb://… or esdb+discover://…)")
			return []string{"harden"}
		},
		validate: (*Config).validateKurrent,
	},
	"version": {
		synopsis: "tdkt version",
		summary:  "print the version, commit and Go version",
		flags:    func(*flag.FlagSet, *Config) []string { return nil },
	},
	"demo": {
		synopsis: "tdkt demo --data DIR",
		summary:  "write the demo sector (fictitious people, real units) into an empty data directory",
		details: `demo writes the sample sector of domain/demo — VKSND tối cao and its units, the provincial
procuracies before and after the 1/7/2025 mergers, regional procuracies, councils, the
2024 and 2025 clusters and blocks and their reorganisation, movements, registrations,
covenants, scores, rankings, initiatives and awards, from 15/12/2023 to 26/12/2025 —
through the same HTTP command pipeline clerks use (permission table, deciders, one
append per command), each step as its recorder with its effective date and legal basis.
Steps that show a rule refusing a command are checked to be refused. Every person is
fictitious and marked "(hư cấu)". serve --demo does the same into an empty store first.
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			dataFlag(fs, c)
			return nil
		},
		validate: (*Config).validateData,
	},
	// report and standings: see report.go.
	"report":    reportCommand,
	"standings": standingsCommand,
	"bench":     benchCommand, // bench.go
}

func dataFlag(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.Store.Dir, "data", c.Store.Dir, "data `directory` of the embedded store (holds ledger.db)")
}

// printUsage writes the usage of cmd, or of tdkt if cmd is "".
func printUsage(w io.Writer, cmd string) {
	if c, ok := commands[cmd]; ok {
		fmt.Fprintf(w, "Usage: %s\n\n%s.\n", c.synopsis, capitalize(c.summary))
		if c.details != "" {
			fmt.Fprintf(w, "\n%s", c.details)
		}
		if c.issue != 0 {
			fmt.Fprintf(w, "\nNot built yet: it comes with issue %d (%s).\n", c.issue, c.issueTitle)
			return
		}
		fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
		cfg := DefaultConfig()
		c.flags(fs, &cfg)
		var flags strings.Builder
		fs.SetOutput(&flags)
		fs.PrintDefaults()
		if flags.Len() > 0 {
			fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
		}
		return
	}
	fmt.Fprint(w, `tdkt — the records ledger of emulation and commendation work
(thi đua, khen thưởng — TĐKT) in the People's Procuracy sector.

Usage: tdkt <command> [flags]

Commands:
`)
	coming := false
	for _, name := range order {
		c := commands[name]
		if c.issue != 0 && !coming {
			fmt.Fprint(w, "  help       print this help, or a command's: tdkt help serve\n")
			fmt.Fprint(w, "\nComing with later issues (not built yet):\n")
			coming = true
		}
		if c.issue != 0 {
			fmt.Fprintf(w, "  %-10s %s (issue %d)\n", name, c.summary, c.issue)
		} else {
			fmt.Fprintf(w, "  %-10s %s\n", name, c.summary)
		}
	}
	if !coming {
		fmt.Fprint(w, "  help       print this help, or a command's: tdkt help serve\n")
	}
	fmt.Fprint(w, `
Flags may be written -flag or --flag. Run 'tdkt <command> -h' for a command's flags.
Exit codes: 0 success, 1 error (for verify: the ledger does not verify), 2 usage error.
`)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
