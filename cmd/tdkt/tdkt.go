package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/eventstore/kurrent"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// Main is one run of the tdkt command: ParseFlags picks the command and its
// configuration, Run does it (serve starts serving and returns), Close
// releases what Run opened.
type Main struct {
	// Stdout receives a command's output (export lines, version, the
	// startup line of serve); Stderr receives logs and errors.
	Stdout io.Writer
	Stderr io.Writer

	// Command is the command ParseFlags chose, e.g. "serve".
	Command string
	// Config is the command's configuration.
	Config Config
	// Logger writes structured logs to Stderr; ParseFlags sets it if nil.
	Logger *slog.Logger

	// Store and HTTPServer are what serve opened; nil for other commands.
	Store      *sqlite.Store
	Kurrent    *kurrent.Store
	HTTPServer *api.Server

	// help is set when ParseFlags printed help: Run then does nothing.
	help bool

	// stopBackground ends serve's background work (checkpointer, full
	// start-up check); background counts it.
	stopBackground context.CancelFunc
	background     sync.WaitGroup
}

// NewMain returns a Main writing to the process's stdout and stderr, with
// the default configuration.
func NewMain() *Main {
	return &Main{Stdout: os.Stdout, Stderr: os.Stderr, Config: DefaultConfig()}
}

// Exec runs the command line args (without the program name) to the end and
// returns the exit code: ParseFlags, Run, then for serve waiting until ctx
// ends, and Close. Errors are printed to Stderr.
func (m *Main) Exec(ctx context.Context, args []string) int {
	err := m.ParseFlags(ctx, args)
	if err == nil {
		err = m.Run(ctx)
		if err == nil && m.HTTPServer != nil {
			select {
			case <-ctx.Done():
				m.Logger.Info("shutting down")
			case <-m.HTTPServer.Done():
				err = fmt.Errorf("http server stopped: %w", m.HTTPServer.Err())
			}
		}
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return m.exitCode(err)
}

// usageError is a command line tdkt cannot run: an unknown command or flag,
// a bad value, something not built yet. It exits with code 2.
type usageError struct {
	cmd string // "" for the top level
	err error
	// usage: print the command's usage after the error (for mistakes in
	// the command line, not for things that are merely not built yet).
	usage bool
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// exitCode prints err, if any, and returns the exit code for it.
func (m *Main) exitCode(err error) int {
	prefix := "tdkt"
	if m.Command != "" {
		prefix += " " + m.Command
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "%s: %v\n", prefix, ue.err)
		if ue.usage {
			fmt.Fprintln(m.Stderr)
			printUsage(m.Stderr, ue.cmd)
		} else {
			fmt.Fprintf(m.Stderr, "Run 'tdkt help' for usage.\n")
		}
		return exitUsage
	case errors.Is(err, ErrVerify):
		fmt.Fprintf(m.Stderr, "%s: %v\n", prefix, err)
		fmt.Fprintln(m.Stderr, "sổ cái KHÔNG hợp lệ / the ledger does NOT verify")
		return exitError
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(m.Stderr, "%s: interrupted\n", prefix)
		return exitError
	default:
		fmt.Fprintf(m.Stderr, "%s: %v\n", prefix, err)
		return exitError
	}
}

// ParseFlags picks the command from args[0] and parses its flags into
// m.Config. Help (no arguments, "help", -h) is printed here; a command line
// tdkt cannot run returns a *usageError.
func (m *Main) ParseFlags(ctx context.Context, args []string) error {
	if m.Logger == nil {
		m.Logger = slog.New(slog.NewTextHandler(m.Stderr, nil))
	}
	if len(args) == 0 {
		return &usageError{err: errors.New("no command given"), usage: true}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if _, ok := commands[rest[0]]; ok {
				printUsage(m.Stdout, rest[0])
				m.help = true
				return nil
			}
			return &usageError{err: fmt.Errorf("unknown command %q", rest[0]), usage: true}
		}
		printUsage(m.Stdout, "")
		m.help = true
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		return &usageError{err: fmt.Errorf("unknown command %q", name), usage: true}
	}
	m.Command = name
	if cmd.issue != 0 {
		return &usageError{cmd: name, err: fmt.Errorf("%w: this command comes with issue %d (%s)", ErrNotSupported, cmd.issue, cmd.issueTitle)}
	}
	fs := flag.NewFlagSet("tdkt "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and help are printed by exitCode and printUsage
	fs.Usage = func() {}
	nargs := cmd.flags(fs, &m.Config)
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(m.Stdout, name)
		m.help = true
		return nil
	}
	if err != nil {
		return &usageError{cmd: name, err: err, usage: true}
	}
	if len(pos) != len(nargs) {
		if len(nargs) == 0 {
			return &usageError{cmd: name, err: fmt.Errorf("unexpected argument %q", pos[0]), usage: true}
		}
		return &usageError{cmd: name, err: fmt.Errorf("want %d argument(s) (%s), got %d", len(nargs), strings.Join(nargs, " "), len(pos)), usage: true}
	}
	switch name {
	case "backup":
		m.Config.BackupFile = pos[0]
	case "keys":
		m.Config.Keys.Action = pos[0]
	case "kurrent":
		m.Config.KurrentAction = pos[0]
	case "import":
		m.Config.ImportFile = pos[0]
	case "report":
		m.Config.Report.Kind = pos[0]
	}
	if cmd.validate != nil {
		if err := cmd.validate(&m.Config); err != nil {
			// Something not built yet is not a typo: no usage dump.
			return &usageError{cmd: name, err: err, usage: !errors.Is(err, ErrNotSupported)}
		}
	}
	return nil
}

// parseInterspersed parses flags anywhere among the positional arguments
// (tdkt backup FILE --data DIR as well as tdkt backup --data DIR FILE) and
// returns the positional ones. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// Run runs the command ParseFlags chose. serve returns once it is serving;
// the others return when they are done.
func (m *Main) Run(ctx context.Context) error {
	if m.help {
		return nil
	}
	switch m.Command {
	case "serve":
		return m.runServe(ctx)
	case "export":
		return m.runExport(ctx)
	case "backup":
		return m.runBackup(ctx)
	case "verify":
		return m.runVerify(ctx)
	case "keys":
		return m.runKeys(ctx)
	case "checkpoint":
		return m.runCheckpoint(ctx)
	case "import":
		return m.runImport(ctx)
	case "replay":
		return m.runReplay(ctx)
	case "demo":
		return m.runDemo(ctx)
	case "report":
		return m.runReport(ctx)
	case "standings":
		return m.runStandings(ctx)
	case "kurrent":
		return m.runKurrent(ctx)
	case "version":
		return m.runVersion(ctx)
	case "bench":
		return m.runBench(ctx)
	default:
		return fmt.Errorf("no command to run (call ParseFlags first)")
	}
}

// Close releases what Run opened: it stops the HTTP server gracefully
// (requests in flight finish), then closes the store. Safe to call more
// than once and when nothing was opened.
func (m *Main) Close() error {
	var errs []error
	if m.stopBackground != nil {
		m.stopBackground()
	}
	m.background.Wait()
	if m.HTTPServer != nil {
		if err := m.HTTPServer.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if m.Kurrent != nil {
		if err := m.Kurrent.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close KurrentDB: %w", err))
		}
	}
	if m.Store != nil {
		if err := m.Store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close ledger: %w", err))
		}
		if m.Command == "serve" && m.Logger != nil {
			m.Logger.Info("stopped")
		}
	}
	return errors.Join(errs...)
}

// uint64Flag is a flag.Value for a non-negative integer that says what is
// wrong with a bad one in words ("--from abc").
type uint64Flag struct{ p *uint64 }

func (f uint64Flag) String() string {
	if f.p == nil {
		return "0"
	}
	return strconv.FormatUint(*f.p, 10)
}

func (f uint64Flag) Set(s string) error {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return fmt.Errorf("want a non-negative integer, got %q", s)
	}
	*f.p = n
	return nil
}

// verifyDataFlag is verify's --data: it records that --data was given, so
// that --data and --export together are refused.
type verifyDataFlag struct{ c *Config }

func (f verifyDataFlag) String() string {
	if f.c == nil {
		return ""
	}
	return f.c.Store.Dir
}

func (f verifyDataFlag) Set(s string) error {
	f.c.Store.Dir = s
	f.c.Verify.DataGiven = true
	return nil
}

// stringsFlag is a flag.Value that may be given more than once.
type stringsFlag struct{ p *[]string }

func (f stringsFlag) String() string { return "" }

func (f stringsFlag) Set(s string) error {
	*f.p = append(*f.p, s)
	return nil
}

// storeFlag is --store: it sets the store kind from the URL's scheme.
type storeFlag struct{ c *StoreConfig }

func (f storeFlag) String() string {
	if f.c == nil {
		return ""
	}
	return f.c.URL
}

func (f storeFlag) Set(s string) error { return f.c.parseStoreURL(s) }
