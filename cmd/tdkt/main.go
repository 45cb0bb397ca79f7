// Command tdkt is the one binary of the TĐKT records ledger: it serves HTTP
// and runs the ledger's command-line tools (export, backup, verify, version; more
// arrive with later issues, see usage).
//
// Exit codes: 0 success; 1 an error (printed to stderr); 2 a usage error:
// an unknown command or flag, a bad flag value, a command not built yet.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

// Build information, set with
//
//	go build -ldflags "-X main.version=v0.1.0 -X main.commit=$(git rev-parse HEAD)"
//
// Without them version says "dev" and falls back to the module and VCS
// information Go records in the binary (runtime/debug.ReadBuildInfo).
var (
	version = "dev"
	commit  = ""
)

// main sets up signals and the exit code; NewMain, ParseFlags, Run and
// Close (through Main.Exec) do the work. The first SIGINT or SIGTERM
// cancels the context, which starts a graceful close; a second one aborts
// at once.
func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		sig := <-signals
		fmt.Fprintf(os.Stderr, "tdkt: %v: closing (send it again to abort)\n", sig)
		cancel()
		sig = <-signals
		fmt.Fprintf(os.Stderr, "tdkt: %v again: aborting without a graceful close\n", sig)
		os.Exit(exitError)
	}()
	os.Exit(run(ctx))
}

// run runs the command line. TDKT_CPUPROFILE=FILE writes a CPU profile of
// the run (go tool pprof), for the figures in docs/BENCHMARKS.md.
func run(ctx context.Context) int {
	if path := os.Getenv("TDKT_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "tdkt: TDKT_CPUPROFILE: %v\n", err)
			return exitError
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(os.Stderr, "tdkt: TDKT_CPUPROFILE: %v\n", err)
			return exitError
		}
		defer pprof.StopCPUProfile()
	}
	return NewMain().Exec(ctx, os.Args[1:])
}
