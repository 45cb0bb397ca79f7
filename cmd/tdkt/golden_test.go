package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// updateGolden rewrites the golden files from the current code instead of
// comparing with them: go test -run TestDemoGolden ./cmd/tdkt -update-golden
var updateGolden = flag.Bool("update-golden", false, "rewrite cmd/tdkt/testdata/golden from the current output")

// recordedAtRE matches the one value in the outputs that is not
// deterministic: when the demo's events were recorded (the clock of the
// run that wrote them).
var recordedAtRE = regexp.MustCompile(`"recordedAt": "[^"]*"`)

// TestDemoGolden (issue 5, "done when"): the demo sector's 2024 standings
// and 2025 reorganization report in all four formats, compared with the
// committed golden outputs (XLSX by its cells).
func TestDemoGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errs := execMain(t.Context(), "demo", "--data", dir); code != 0 {
		t.Fatalf("demo: %d\n%s\n%s", code, out, errs)
	}
	run := func(args ...string) string {
		t.Helper()
		code, out, errs := execMain(t.Context(), args...)
		if code != 0 {
			t.Fatalf("tdkt %s: %d\n%s", strings.Join(args, " "), code, errs)
		}
		return out
	}
	xlsx := filepath.Join(t.TempDir(), "report.xlsx")
	run("report", "reorganization", "--data", dir, "--year", "2025", "--format", "xlsx", "--out", xlsx)
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	var cells strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		cells.WriteString("# " + sheet + "\n")
		for _, r := range rows {
			cells.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	f.Close()
	outputs := map[string]string{
		"standings-2024.txt":           run("standings", "--data", dir, "--year", "2024"),
		"standings-2024.json":          run("standings", "--data", dir, "--year", "2024", "--format", "json"),
		"reorganization-2025.json":     run("report", "reorganization", "--data", dir, "--year", "2025", "--format", "json"),
		"reorganization-2025.csv":      run("report", "reorganization", "--data", dir, "--year", "2025", "--format", "csv"),
		"reorganization-2025.html":     run("report", "reorganization", "--data", dir, "--year", "2025", "--format", "html"),
		"reorganization-2025.xlsx.txt": cells.String(),
	}
	for name, got := range outputs {
		got = recordedAtRE.ReplaceAllString(got, `"recordedAt": "…"`)
		path := filepath.Join("testdata", "golden", name)
		if *updateGolden {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update-golden to create it)", err)
		}
		if got != string(want) {
			gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
			for i := 0; i < len(gl) && i < len(wl); i++ {
				if gl[i] != wl[i] {
					t.Errorf("%s differs from the golden file at line %d:\n got: %.300s\nwant: %.300s\n(rerun with -update-golden if the change is intended)", name, i+1, gl[i], wl[i])
					break
				}
			}
			if len(gl) != len(wl) {
				t.Errorf("%s: %d lines, golden %d", name, len(gl), len(wl))
			}
		}
	}
}
