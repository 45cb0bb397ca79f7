// The tests of package main are internal (package main, not main_test):
// a command's package cannot be imported by another.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// childEnv tells a re-executed test binary what to be instead of a test
// run (see TestMain).
const childEnv = "TDKT_TEST_CHILD"

// TestMain lets the tests run this very binary as a child process: as the
// tdkt command itself (childEnv=main, arguments as tdkt's) or as the crash
// test's writer (childEnv=crash-writer). Real processes are what signals
// and SIGKILL need.
func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "main":
		main()
	case "crash-writer":
		crashWriter()
	default:
		fmt.Fprintf(os.Stderr, "unknown %s=%q\n", childEnv, os.Getenv(childEnv))
		os.Exit(3)
	}
}

// syncBuffer is a bytes.Buffer safe for the goroutines of a running serve.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// MustRunMain parses args and runs them like tdkt would, and fails the test
// on any error. For serve it returns with the server listening; Close runs
// when the test ends.
func MustRunMain(tb testing.TB, args ...string) (m *Main, stdout, stderr *syncBuffer) {
	tb.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	m = NewMain()
	m.Stdout, m.Stderr = stdout, stderr
	ctx := context.Background()
	if err := m.ParseFlags(ctx, args); err != nil {
		tb.Fatalf("tdkt %s: parse flags: %v", strings.Join(args, " "), err)
	}
	if err := m.Run(ctx); err != nil {
		m.Close()
		tb.Fatalf("tdkt %s: run: %v\nstderr:\n%s", strings.Join(args, " "), err, stderr)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Errorf("tdkt %s: close: %v", strings.Join(args, " "), err)
		}
	})
	return m, stdout, stderr
}

// execMain runs args through Exec to the end and returns the exit code and
// what it printed.
func execMain(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb syncBuffer
	m := NewMain()
	m.Stdout, m.Stderr = &out, &errb
	code = m.Exec(ctx, args)
	return code, out.String(), errb.String()
}

// testEvents returns n events with Vietnamese text, as a unit's clerk
// would record them.
func testEvents(n int, tag string) []eventstore.Event {
	evs := make([]eventstore.Event, n)
	for i := range evs {
		evs[i] = eventstore.Event{
			ID:          uuid.Must(uuid.NewV7()),
			Type:        "RegistrationSubmitted",
			Schema:      1,
			Effective:   eventstore.Effective{Date: "2024-03-29", Year: 2024},
			Actor:       &eventstore.Actor{Subject: "văn-thư-1", Role: "unit", Unit: "VKSND tỉnh Trà Vinh"},
			Basis:       &eventstore.Basis{Number: "189/HD-VKS", Date: "2024-03-25", Issuer: "VKSND tỉnh Bà Rịa - Vũng Tàu"},
			Correlation: uuid.Must(uuid.NewV7()),
			Data:        fmt.Appendf(nil, `{"tag":%q,"i":%d,"giao_ước":"Cụm thi đua số 13 — đăng ký \"Tập thể lao động xuất sắc\""}`, tag, i),
		}
	}
	return evs
}

// appendTestEvents appends batches to a few streams and returns the export
// lines of what was recorded, each with its '\n', in seq order.
func appendTestEvents(tb testing.TB, s eventstore.Store, batches int) [][]byte {
	tb.Helper()
	var lines [][]byte
	for b := range batches {
		stream := fmt.Sprintf("registration-đơn-vị-%d", b%3)
		res, err := s.Append(context.Background(), stream, eventstore.Any, testEvents(1+b%3, fmt.Sprint(b))...)
		if err != nil {
			tb.Fatalf("append: %v", err)
		}
		for i := range res.Events {
			lines = append(lines, append(eventstore.ExportLine(&res.Events[i]), '\n'))
		}
	}
	return lines
}

func httpGet(tb testing.TB, url string) (int, string) {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	m, stdout, stderr := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	url := m.HTTPServer.URL()

	if want := "tdkt đang phục vụ tại " + url + " "; !strings.HasPrefix(stdout.String(), want) {
		t.Errorf("stdout = %q, want it to start %q", stdout, want)
	}
	if !strings.Contains(stderr.String(), "msg=serving url="+url) {
		t.Errorf("no serving log line with the URL:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "ledger.db")); err != nil {
		t.Fatalf("serve did not create the ledger: %v", err)
	}
	if code, body := httpGet(t, url+"/healthz"); code != 200 || body != `{"status":"ok"}` {
		t.Fatalf("GET /healthz = %d %s", code, body)
	}
	if code, body := httpGet(t, url+"/readyz"); code != 200 || body != `{"status":"ready","head":0}` {
		t.Fatalf("GET /readyz = %d %s", code, body)
	}

	// Events recorded while serving show in /readyz, and export and backup
	// read them beside the running writer.
	lines := appendTestEvents(t, m.Store, 6)
	if code, body := httpGet(t, url+"/readyz"); code != 200 || body != fmt.Sprintf(`{"status":"ready","head":%d}`, len(lines)) {
		t.Fatalf("GET /readyz = %d %s after %d events", code, body, len(lines))
	}
	t.Run("ExportWhileServing", func(t *testing.T) {
		code, out, errs := execMain(t.Context(), "export", "--data", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if want := string(bytes.Join(lines, nil)); out != want {
			t.Fatalf("export =\n%s\nwant\n%s", out, want)
		}
	})
	t.Run("BackupWhileServing", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "backup.db")
		code, out, errs := execMain(t.Context(), "backup", "--data", dir, file)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if !strings.Contains(out, file) {
			t.Errorf("stdout %q does not name the backup", out)
		}
		if got := exportBackup(t, file); got != string(bytes.Join(lines, nil)) {
			t.Fatalf("the backup holds\n%s\nwant\n%s", got, bytes.Join(lines, nil))
		}
		// A backup never overwrites.
		if code, _, errs := execMain(t.Context(), "backup", "--data", dir, file); code != 1 || !strings.Contains(errs, "already exists") {
			t.Fatalf("backup over an existing file: exit %d, %q", code, errs)
		}
	})
	t.Run("SecondWriterRefused", func(t *testing.T) {
		m2 := NewMain()
		var out, errs syncBuffer
		m2.Stdout, m2.Stderr = &out, &errs
		if err := m2.ParseFlags(t.Context(), []string{"serve", "--addr", "127.0.0.1:0", "--data", dir}); err != nil {
			t.Fatal(err)
		}
		err := m2.Run(t.Context())
		m2.Close()
		if !errors.Is(err, sqlite.ErrLocked) {
			t.Fatalf("second serve on the same data: %v, want ErrLocked", err)
		}
		if code := m2.exitCode(err); code != 1 || !strings.Contains(errs.String(), "tdkt serve: ") {
			t.Fatalf("exit %d, stderr %q", code, errs.String())
		}
	})

	if err := m.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if !strings.Contains(stderr.String(), "msg=stopped") {
		t.Errorf("no stopped log line:\n%s", stderr)
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Fatal("still serving after Close")
	}
	// Close released the lock and the ledger reopens with every event.
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatalf("reopen after close: %v", err)
	}
	defer s.Close()
	if head, err := s.Head(t.Context()); err != nil || head != uint64(len(lines)) {
		t.Fatalf("head after reopen = %d, %v; want %d", head, err, len(lines))
	}
}

// exportBackup exports a backup file by putting it in a data directory of
// its own, as an operator restoring it would.
func exportBackup(tb testing.TB, file string) string {
	tb.Helper()
	dir := tb.TempDir()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ledger.db"), b, 0o600); err != nil {
		tb.Fatal(err)
	}
	code, out, errs := execMain(context.Background(), "export", "--data", dir)
	if code != 0 {
		tb.Fatalf("export of the backup: exit %d: %s", code, errs)
	}
	return out
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := appendTestEvents(t, s, 5)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	all := string(bytes.Join(lines, nil))

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"All", []string{"export", "--data", dir}, all},
		{"From0", []string{"export", "--data", dir, "--from", "0"}, all},
		{"From3", []string{"export", "--data", dir, "--from=3"}, string(bytes.Join(lines[3:], nil))},
		{"FromLast", []string{"export", "-from", fmt.Sprint(len(lines) - 1), "-data", dir}, string(lines[len(lines)-1])},
		{"FromHead", []string{"export", "--data", dir, "--from", fmt.Sprint(len(lines))}, ""},
		{"FromBeyondHead", []string{"export", "--data", dir, "--from", "1000000"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := execMain(t.Context(), tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if out != tt.want {
				t.Fatalf("export =\n%s\nwant\n%s", out, tt.want)
			}
			if errs != "" {
				t.Errorf("export wrote to stderr: %q", errs)
			}
		})
	}
	t.Run("LinesParseBack", func(t *testing.T) {
		_, out, _ := execMain(t.Context(), "export", "--data", dir)
		sc := bufio.NewScanner(strings.NewReader(out))
		n := 0
		for sc.Scan() {
			ev, err := eventstore.ParseExportLine(sc.Bytes())
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			if ev.Seq != uint64(n) {
				t.Fatalf("line %d has seq %d", n, ev.Seq)
			}
			n++
		}
		if n != len(lines) {
			t.Fatalf("%d lines, want %d", n, len(lines))
		}
	})
	t.Run("NoLedger", func(t *testing.T) {
		empty := t.TempDir()
		code, out, errs := execMain(t.Context(), "export", "--data", empty)
		if code != 1 || out != "" || !strings.Contains(errs, "no ledger") {
			t.Fatalf("export of an empty directory: exit %d, stdout %q, stderr %q", code, out, errs)
		}
		if _, err := os.Stat(filepath.Join(empty, "ledger.db")); !os.IsNotExist(err) {
			t.Fatalf("export created a ledger: %v", err)
		}
	})
}

func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring; "" means stdout must be empty
		stderr string // substring; "" means stderr must be empty
	}{
		{"NoArgs", nil, 2, "", "no command given"},
		{"Help", []string{"help"}, 0, "  help       print this help", ""},
		{"DashH", []string{"-h"}, 0, "Usage: tdkt <command>", ""},
		{"DashDashHelp", []string{"--help"}, 0, "Usage: tdkt <command>", ""},
		{"HelpServe", []string{"help", "serve"}, 0, "Usage: tdkt serve [--addr 127.0.0.1:8080]", ""},
		{"HelpUnknown", []string{"help", "frob"}, 2, "", `unknown command "frob"`},
		{"ServeDashH", []string{"serve", "-h"}, 0, "-addr host:port", ""},
		{"ExportHelp", []string{"export", "--help"}, 0, "-from SEQ", ""},
		{"UnknownCommand", []string{"frobnicate"}, 2, "", `tdkt: unknown command "frobnicate"`},
		{"UnknownFlag", []string{"serve", "--bogus"}, 2, "", "flag provided but not defined: -bogus"},
		{"UnknownFlagExport", []string{"export", "--data", dir, "-x"}, 2, "", "flag provided but not defined: -x"},
		{"AddrWithoutPort", []string{"serve", "--addr", "localhost", "--data", dir}, 2, "", "invalid --addr \"localhost\""},
		{"AddrBadPort", []string{"serve", "--addr", "127.0.0.1:99999", "--data", dir}, 2, "", "port must be a number from 0 to 65535"},
		{"AddrNamedPort", []string{"serve", "--addr", "127.0.0.1:http", "--data", dir}, 2, "", "invalid --addr"},
		{"AddrMissingValue", []string{"serve", "--addr"}, 2, "", "flag needs an argument: -addr"},
		{"ServeExtraArg", []string{"serve", "--data", dir, "extra"}, 2, "", `unexpected argument "extra"`},
		{"ServeEmptyData", []string{"serve", "--data", ""}, 2, "", "invalid --data"},
		{"ServeNegativeMemoryLimit", []string{"serve", "--data", dir, "--memory-limit", "-1"}, 2, "", "invalid --memory-limit -1"},
		{"ServeMemoryLimitNotANumber", []string{"serve", "--data", dir, "--memory-limit", "1GiB"}, 2, "", "invalid value \"1GiB\" for flag -memory-limit"},
		{"StoreKurrentCredentialsWithoutTLS", []string{"serve", "--data", dir, "--store", "esdb://admin:changeit@localhost:2113?tls=false"}, 2, "", "tls=false"},
		{"StoreKurrentFullCheck", []string{"serve", "--data", dir, "--store", "esdb://localhost:2113?tls=false", "--check", "full"}, 2, "", "--check full reads the embedded store"},
		{"KurrentHardenNoStore", []string{"kurrent", "harden"}, 2, "", "needs --store esdb://"},
		{"KurrentUnknownAction", []string{"kurrent", "soften", "--store", "esdb://localhost:2113?tls=false"}, 2, "", "want harden"},
		{"StoreUnknownScheme", []string{"serve", "--data", dir, "--store", "ftp://x"}, 2, "", `unknown scheme "ftp"`},
		{"StoreNotURL", []string{"serve", "--data", dir, "--store", "sqlite"}, 2, "", "is not a URL"},
		{"DemoBadValue", []string{"serve", "--demo=maybe"}, 2, "", "invalid boolean value"},
		{"ExportFromNotNumber", []string{"export", "--data", dir, "--from", "abc"}, 2, "", `want a non-negative integer, got "abc"`},
		{"ExportFromNegative", []string{"export", "--data", dir, "--from", "-1"}, 2, "", `got "-1"`},
		{"ExportExtraArg", []string{"export", "--data", dir, "file.jsonl"}, 2, "", "unexpected argument"},
		{"BackupNoFile", []string{"backup", "--data", dir}, 2, "", "want 1 argument(s) (FILE), got 0"},
		{"BackupTwoFiles", []string{"backup", "--data", dir, "a.db", "b.db"}, 2, "", "got 2"},
		{"BackupNoLedger", []string{"backup", "--data", dir, filepath.Join(dir, "b.db")}, 1, "", "no ledger"},
		{"VersionExtraArg", []string{"version", "now"}, 2, "", `unexpected argument "now"`},
		{"Version", []string{"version"}, 0, "tdkt dev\ncommit ", ""},
		{"VerifyCheckpoint", []string{"verify", "--data", dir, "--checkpoint", "c.txt"}, 2, "", "--checkpoint needs --key"},
		{"DemoExtraArgument", []string{"demo", "--data", dir, "extra"}, 2, "", "unexpected argument"},
		{"BenchBadProfile", []string{"bench", "--profile", "planetary"}, 2, "", "planetary"},
		{"ReplayBadLang", []string{"replay", "--data", dir, "--lang", "fr"}, 2, "", "want vi or en"},
		{"ReplayToBeforeFrom", []string{"replay", "--data", dir, "--from", "5", "--to", "2"}, 2, "", "--to 2 is before --from 5"},
		{"ReplayBadSince", []string{"replay", "--data", dir, "--since", "hôm qua"}, 2, "", "want an RFC 3339 time"},
		{"ImportNoFile", []string{"import", "--data", dir}, 2, "", "want 1 argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := execMain(t.Context(), tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			check := func(what, got, want string) {
				if want == "" && got != "" {
					t.Errorf("%s = %q, want it empty", what, got)
				}
				if !strings.Contains(got, want) {
					t.Errorf("%s = %q, want it to contain %q", what, got, want)
				}
			}
			check("stdout", out, tt.stdout)
			check("stderr", errs, tt.stderr)
			// Command-line mistakes come with the usage; things not built
			// yet come with a pointer to it.
			if tt.code == 2 && !strings.Contains(errs, "Usage: tdkt") && !strings.Contains(errs, "Run 'tdkt help'") {
				t.Errorf("a usage error without usage or a hint:\n%s", errs)
			}
		})
	}
}

// TestUsageListsDesignCommands keeps the usage in step with DESIGN.md's
// command table.
func TestUsageListsDesignCommands(t *testing.T) {
	var b bytes.Buffer
	printUsage(&b, "")
	for _, name := range []string{"serve", "demo", "export", "import", "verify", "replay", "report", "standings", "keys", "backup", "kurrent", "bench", "version"} {
		if !strings.Contains(b.String(), "\n  "+name+" ") {
			t.Errorf("usage does not list %s:\n%s", name, b.String())
		}
	}
}

func TestBackupFileFirst(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := appendTestEvents(t, s, 3)
	s.Close()
	file := filepath.Join(t.TempDir(), "copy.db")
	// Flags after the positional argument work too.
	if code, _, errs := execMain(t.Context(), "backup", file, "--data", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := exportBackup(t, file); got != string(bytes.Join(lines, nil)) {
		t.Fatalf("backup holds\n%s", got)
	}
}

func TestVersionFallsBack(t *testing.T) {
	ver, rev, goVersion := buildVersion()
	if ver != "dev" || rev == "" || goVersion != runtime.Version() {
		t.Fatalf("buildVersion() = %q, %q, %q", ver, rev, goVersion)
	}
}

// TestVersionLdflags builds the real binary with the release -ldflags.
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build tdkt with")
	}
	bin := filepath.Join(t.TempDir(), "tdkt")
	build := exec.Command(gobin, "build", "-o", bin,
		"-ldflags", "-X main.version=v0.0.0-test -X main.commit=0123abc", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatalf("tdkt version: %v", err)
	}
	want := fmt.Sprintf("tdkt v0.0.0-test\ncommit 0123abc\n%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if string(out) != want {
		t.Fatalf("tdkt version =\n%s\nwant\n%s", out, want)
	}
}

// startChild runs this test binary as tdkt with args (see TestMain).
func startChild(t *testing.T, args ...string) (*exec.Cmd, *bufio.Reader, *syncBuffer) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=main")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, bufio.NewReader(stdout), stderr
}

// waitExit waits for cmd with a deadline and returns its exit code.
func waitExit(t *testing.T, cmd *exec.Cmd, stderr *syncBuffer) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("tdkt did not exit\nstderr:\n%s", stderr)
		return -1
	}
}

// serveURL reads serve's startup line and returns the URL in it.
func serveURL(t *testing.T, out *bufio.Reader, stderr *syncBuffer) string {
	t.Helper()
	line, err := out.ReadString('\n')
	if err != nil {
		t.Fatalf("no startup line: %v\nstderr:\n%s", err, stderr)
	}
	const prefix = "tdkt đang phục vụ tại "
	if !strings.HasPrefix(line, prefix) {
		t.Fatalf("startup line = %q", line)
	}
	url, _, _ := strings.Cut(strings.TrimPrefix(line, prefix), " ")
	return url
}

// TestServeSignals runs tdkt serve as a real process and stops it with
// SIGTERM and SIGINT: it closes gracefully, exits 0 and releases the data
// directory.
func TestServeSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd, out, stderr := startChild(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
			url := serveURL(t, out, stderr)
			if code, body := httpGet(t, url+"/readyz"); code != 200 || body != `{"status":"ready","head":0}` {
				t.Fatalf("GET /readyz = %d %s", code, body)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := waitExit(t, cmd, stderr); code != 0 {
				t.Fatalf("exit %d after %v, want 0\nstderr:\n%s", code, sig, stderr)
			}
			for _, want := range []string{"closing (send it again to abort)", "msg=\"shutting down\"", "msg=stopped"} {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			s, err := sqlite.Open(dir, nil) // LockTimeout 0: fails at once if the lock leaked
			if err != nil {
				t.Fatalf("reopen after %v: %v", sig, err)
			}
			s.Close()
		})
	}
}

// TestServeRefusesLockedData runs two serve processes on one directory:
// the second exits 1 with ErrLocked's message.
func TestServeRefusesLockedData(t *testing.T) {
	dir := t.TempDir()
	first, out, stderr := startChild(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	serveURL(t, out, stderr)
	second, _, stderr2 := startChild(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	if code := waitExit(t, second, stderr2); code != 1 {
		t.Fatalf("second serve exit %d, want 1\nstderr:\n%s", code, stderr2)
	}
	if !strings.Contains(stderr2.String(), "data directory is in use by another tdkt process") {
		t.Errorf("second serve stderr:\n%s", stderr2)
	}
	first.Process.Signal(syscall.SIGTERM)
	if code := waitExit(t, first, stderr); code != 0 {
		t.Fatalf("first serve exit %d\nstderr:\n%s", code, stderr)
	}
}

// TestServeSecondSignalAborts holds a request half sent, so the graceful
// close after the first SIGTERM waits for it; the second SIGTERM aborts at
// once with exit code 1.
func TestServeSecondSignalAborts(t *testing.T) {
	dir := t.TempDir()
	cmd, out, stderr := startChild(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	url := serveURL(t, out, stderr)
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Headers without their final blank line: the connection is active, and
	// Shutdown waits for it (up to the header timeout).
	if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // let the server read the bytes
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(stderr.String(), `msg="shutting down"`) {
		if time.Now().After(deadline) {
			t.Fatalf("no graceful close began\nstderr:\n%s", stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if cmd.ProcessState != nil || strings.Contains(stderr.String(), "msg=stopped") {
		t.Fatalf("serve stopped although a request was in flight\nstderr:\n%s", stderr)
	}
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, cmd, stderr); code != 1 {
		t.Fatalf("exit %d after a second signal, want 1\nstderr:\n%s", code, stderr)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the abort took %v", d)
	}
	if !strings.Contains(stderr.String(), "again: aborting without a graceful close") {
		t.Errorf("stderr lacks the abort message:\n%s", stderr)
	}
	// The kernel released the lock with the process.
	s, err := sqlite.Open(dir, nil)
	if err != nil {
		t.Fatalf("reopen after abort: %v", err)
	}
	s.Close()
}

// TestServeUnreadableState: a read model's saved state that cannot be read
// (here a file that is not a state file) leaves serve up and serving the
// ledger, and /readyz says why it is not ready.
func TestServeUnreadableState(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "projections"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "projections", "standings.state"), []byte("not a state"), 0o600); err != nil {
		t.Fatal(err)
	}
	m, _, _ := MustRunMain(t, "serve", "--addr", "127.0.0.1:0", "--data", dir)
	defer m.Close()
	u := m.HTTPServer.URL()
	if code, body := httpGet(t, u+"/readyz"); code != 503 || !strings.Contains(body, "saved states cannot be loaded") || !strings.Contains(body, "standings") {
		t.Errorf("/readyz = %d %s", code, body)
	}
	if code, _ := httpGet(t, u+"/healthz"); code != 200 {
		t.Errorf("/healthz = %d", code)
	}
	if code, _ := httpGet(t, u+"/api/v1/ledger/checkpoint"); code != 200 {
		t.Errorf("/api/v1/ledger/checkpoint = %d", code)
	}
}
