package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDemo writes the demo sector through the HTTP command pipeline into
// an empty data directory: every step accepted as its recorder (or refused
// with its rule, for the intended refusals), the ledger verifies, a second
// run is refused, and the standings and the report read it.
func TestDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	code, out, errs := execMain(t.Context(), "demo", "--data", dir)
	if code != 0 || !strings.Contains(out, "demo sector written: 993 commands, 993 events, 11 intended refusals") {
		t.Fatalf("tdkt demo: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := execMain(t.Context(), "verify", "--data", dir); code != 0 || !strings.Contains(out, "sổ cái hợp lệ: 993 sự kiện") {
		t.Fatalf("verify: %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := execMain(t.Context(), "demo", "--data", dir); code != 1 || !strings.Contains(errs, "empty data directory") {
		t.Fatalf("a second demo into the same directory: %d %s", code, errs)
	}
	code, out, errs = execMain(t.Context(), "standings", "--data", dir, "--year", "2024")
	if code != 0 || !strings.Contains(out, "BẢNG XẾP HẠNG THI ĐUA NĂM 2024") || !strings.Contains(out, "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh") {
		t.Fatalf("standings of the demo: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = execMain(t.Context(), "report", "reorganization", "--data", dir, "--year", "2025", "--format", "csv")
	if code != 0 || !strings.Contains(out, "Viện kiểm sát nhân dân tỉnh An Giang") {
		t.Fatalf("report of the demo: %d\n%.500s\n%s", code, out, errs)
	}
}
