package main

// tdkt report reorganization and tdkt standings (issue 5): read-only
// commands that fold the projections they need from the store in --data,
// in memory, and print them.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tdkt/tdkt/projections"
)

// ReportConfig is the configuration of tdkt report and tdkt standings.
type ReportConfig struct {
	// Kind is report's report: "reorganization".
	Kind string
	// Year is the evaluation year (--year, required).
	Year int
	// Cluster narrows standings to one cluster or block ("" means every
	// cluster of the year).
	Cluster string
	// AsOf is --as-of as given: "" (the ledger now), a seq, an RFC 3339
	// time, or a date (see parseAsOfFlag).
	AsOf string
	// Format is the output format: json, csv, html or xlsx for report;
	// text or json for standings.
	Format string
	// Out is a file to write instead of stdout ("" means stdout).
	Out string
}

// Report errors.
var (
	ErrInvalidYear   = errors.New("invalid --year")
	ErrInvalidFormat = errors.New("invalid --format")
	ErrInvalidAsOf   = errors.New("invalid --as-of")
	// ErrTerminal refuses to write a binary (xlsx) to a terminal.
	ErrTerminal = errors.New("refusing to write xlsx to a terminal: redirect stdout or give --out FILE")
)

// reportFlags registers the flags report and standings share.
func reportFlags(fs *flag.FlagSet, c *Config, formats string) {
	dataFlag(fs, c)
	fs.IntVar(&c.Report.Year, "year", c.Report.Year, "evaluation `year` (required)")
	fs.StringVar(&c.Report.AsOf, "as-of", c.Report.AsOf, "answer from the ledger as it stood at `T`: a seq (events 0…seq), an RFC 3339 time, or a date (2025-01-15 or 15/01/2025: the end of that day in Vietnam, UTC+7)")
	fs.StringVar(&c.Report.Format, "format", c.Report.Format, "output `format`: "+formats)
	fs.StringVar(&c.Report.Out, "out", c.Report.Out, "write to `FILE` instead of stdout")
}

// validateReport checks report's and standings' flags.
func (c *Config) validateReport(cmd string) error {
	r := &c.Report
	if cmd == "report" && r.Kind != "reorganization" {
		return fmt.Errorf("unknown report %q: want reorganization", r.Kind)
	}
	if r.Year < 1945 || r.Year > 9999 {
		return fmt.Errorf("%w: want a year such as 2024, got %d", ErrInvalidYear, r.Year)
	}
	formats := []string{"json", "csv", "html", "xlsx"}
	if cmd == "standings" {
		formats = []string{"text", "json"}
		if r.Format == "" {
			r.Format = "text"
		}
	} else if r.Format == "" {
		r.Format = "json"
	}
	ok := false
	for _, f := range formats {
		ok = ok || f == r.Format
	}
	if !ok {
		return fmt.Errorf("%w %q: want %s", ErrInvalidFormat, r.Format, strings.Join(formats, ", "))
	}
	if _, err := parseAsOfFlag(r.AsOf); err != nil {
		return err
	}
	return c.validateData()
}

// vietnamZone is Asia/Ho_Chi_Minh: UTC+7, no daylight saving time since
// 1975, so a fixed zone needs no tz database.
var vietnamZone = time.FixedZone("ICT", 7*60*60)

// parseAsOfFlag reads --as-of: "" is the ledger now; a decimal number is a
// seq (the ledger just after that event); an RFC 3339 time is the ledger as
// recorded at or before it; a date (YYYY-MM-DD, or dd/mm/yyyy as on
// Vietnamese documents) is the ledger at the end of that day in Vietnam
// (23:59:59.999999999 UTC+7): "what we believed on 15/01/2025" includes
// everything recorded that day.
func parseAsOfFlag(s string) (projections.AsOf, error) {
	if s == "" {
		return projections.Latest(), nil
	}
	if n, err := strconv.ParseUint(s, 10, 64); err == nil {
		return projections.AtSeq(n), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return projections.AtTime(t), nil
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, vietnamZone); err == nil {
			return projections.AtTime(t.AddDate(0, 0, 1).Add(-time.Nanosecond)), nil
		}
	}
	return projections.AsOf{}, fmt.Errorf("%w %q: want a seq, an RFC 3339 time (2025-01-15T08:00:00+07:00) or a date (2025-01-15 or 15/01/2025)", ErrInvalidAsOf, s)
}

// foldProjections opens the store read-only and folds the projections
// defs to its head in memory (no state is persisted: these commands run
// beside serve and must not write).
func (m *Main) foldProjections(ctx context.Context, defs ...projections.Projection) (*projections.Runner, error) {
	s, err := m.openReadOnly()
	if err != nil {
		return nil, err
	}
	r, err := projections.NewRunner(s, projections.NewMemStateStore(), nil)
	if err != nil {
		return nil, err
	}
	for _, d := range defs {
		if err := r.Register(d); err != nil {
			return nil, err
		}
	}
	if err := r.RunToEnd(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// output returns where the command writes: --out FILE, or stdout; xlsx is
// refused on a terminal stdout.
func (m *Main) output(binary bool) (io.Writer, func() error, error) {
	cfg := m.Config.Report
	if cfg.Out != "" {
		f, err := os.Create(cfg.Out)
		if err != nil {
			return nil, nil, fmt.Errorf("create --out: %w", err)
		}
		return f, func() error {
			if err := f.Sync(); err != nil {
				f.Close()
				return fmt.Errorf("write %s: %w", cfg.Out, err)
			}
			return f.Close()
		}, nil
	}
	if binary && isTerminal(m.Stdout) {
		return nil, nil, &usageError{cmd: m.Command, err: ErrTerminal}
	}
	return m.Stdout, func() error { return nil }, nil
}

// runReport writes the sector's reorganization report for --year.
func (m *Main) runReport(ctx context.Context) error {
	cfg := m.Config.Report
	asOf, _ := parseAsOfFlag(cfg.AsOf)
	r, err := m.foldProjections(ctx, projections.OrganizationProjection())
	if err != nil {
		return err
	}
	rep, err := projections.NewReorganization(r).Report(ctx, asOf, cfg.Year)
	if err != nil {
		return err
	}
	w, done, err := m.output(cfg.Format == "xlsx")
	if err != nil {
		return err
	}
	switch cfg.Format {
	case "csv":
		err = rep.WriteCSV(w)
	case "html":
		err = rep.WriteHTML(w)
	case "xlsx":
		err = rep.WriteXLSX(w)
	default:
		err = writeJSON(w, rep)
	}
	if cerr := done(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// runStandings prints the standings of --year: one cluster (--cluster) or
// every cluster and block with scores, as a table or JSON.
func (m *Main) runStandings(ctx context.Context) error {
	cfg := m.Config.Report
	asOf, _ := parseAsOfFlag(cfg.AsOf)
	r, err := m.foldProjections(ctx, projections.StandingsProjection())
	if err != nil {
		return err
	}
	st := projections.NewStandings(r, nil)
	var sector projections.SectorStandings
	if cfg.Cluster != "" {
		cs, err := st.Cluster(ctx, asOf, cfg.Year, cfg.Cluster)
		if err != nil {
			return err
		}
		sector = projections.SectorStandings{Year: cfg.Year, Clusters: []projections.ClusterStandings{cs}, AsOfSeq: cs.AsOfSeq}
	} else if sector, err = st.Sector(ctx, asOf, cfg.Year); err != nil {
		return err
	}
	w, done, err := m.output(false)
	if err != nil {
		return err
	}
	switch {
	case cfg.Format == "json" && cfg.Cluster != "":
		err = writeJSON(w, sector.Clusters[0])
	case cfg.Format == "json":
		err = writeJSON(w, sector)
	default:
		err = writeStandingsText(w, sector)
	}
	if cerr := done(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write standings: %w", err)
	}
	return nil
}

// writeStandingsText prints each cluster's standings as an aligned table
// in Vietnamese: rank, unit, total, the points of each criterion, the
// scoring stage, corrections applied, registered and achieved titles.
func writeStandingsText(out io.Writer, s projections.SectorStandings) error {
	bw := bufio.NewWriter(out)
	fmt.Fprintf(bw, "BẢNG XẾP HẠNG THI ĐUA NĂM %d (sổ cái đến seq %d)\n", s.Year, lastSeq(s.AsOfSeq))
	if len(s.Clusters) == 0 {
		fmt.Fprintln(bw, "\nChưa có kết quả chấm điểm.")
	}
	for _, c := range s.Clusters {
		title := c.Cluster.Name
		if c.Cluster.KindLabel != "" && !strings.HasPrefix(strings.ToLower(title), strings.ToLower(c.Cluster.KindLabel)) {
			title = c.Cluster.KindLabel + " — " + title
		}
		fmt.Fprintf(bw, "\n%s\n", title)
		var codes []string
		seen := map[string]bool{}
		for _, u := range c.Units {
			for _, it := range u.Items {
				if !seen[it.Code] {
					seen[it.Code] = true
					codes = append(codes, it.Code)
				}
			}
		}
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		header := []string{"Hạng", "Đơn vị", "Tổng điểm"}
		header = append(header, codes...)
		header = append(header, "Giai đoạn chấm", "Đính chính", "Đăng ký", "Đạt được")
		fmt.Fprintln(tw, strings.Join(header, "\t"))
		for _, u := range c.Units {
			row := []string{strconv.Itoa(u.Rank), u.Unit.Name, fmtPoints(u.Total)}
			pts := map[string]string{}
			for _, it := range u.Items {
				pts[it.Code] = fmtPoints(it.Points)
			}
			for _, code := range codes {
				row = append(row, orDash(pts[code]))
			}
			corr := "—"
			if n := len(u.Corrections); n > 0 {
				last := u.Corrections[n-1]
				corr = fmt.Sprintf("%d (%s → %s)", n, fmtPoints(u.Corrections[0].OldTotal), fmtPoints(last.NewTotal))
			}
			row = append(row, u.StageLabel, corr, orDash(kindLabels(u.Registered)), orDash(kindLabels(u.Achieved)))
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if len(c.Units) == 0 {
			fmt.Fprintln(bw, "(chưa có đơn vị được chấm điểm)")
		}
		for _, u := range c.Units {
			for _, co := range u.Corrections {
				fmt.Fprintf(bw, "  Đính chính điểm %s: %s → %s — %s (seq %d)\n", u.Unit.Name, fmtPoints(co.OldTotal), fmtPoints(co.NewTotal), co.Reason, co.Recorded.Seq)
			}
		}
		if c.Leader != nil {
			fmt.Fprintf(bw, "  Đơn vị dẫn đầu (suy tôn): %s", c.Leader.Name)
			if len(c.LeaderTitles) > 0 {
				fmt.Fprintf(bw, "; đề nghị: %s", kindLabels(c.LeaderTitles))
			}
			fmt.Fprintln(bw)
		}
		if c.FlagProposed {
			fmt.Fprintln(bw, "  Đã có đề nghị tặng Cờ thi đua của ngành Kiểm sát nhân dân.")
		}
	}
	return bw.Flush()
}

// lastSeq is the seq of the last event in a ledger of n events (n - 1),
// shown as 0 for an empty one.
func lastSeq(n uint64) uint64 {
	if n == 0 {
		return 0
	}
	return n - 1
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func kindLabels(ks []projections.AwardKindRef) string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Label
	}
	return strings.Join(out, ", ")
}

// reportCommand and standingsCommand are the usage entries of report and
// standings (usage.go's commands table refers to them).
var (
	reportCommand = command{
		synopsis: "tdkt report reorganization --data DIR --year Y [--as-of T] [--format json|csv|html|xlsx] [--out FILE]",
		summary:  "the sector's reorganization report (báo cáo phương án tổ chức lại cụm, khối thi đua) for a year",
		details: `report reorganization reads the store read-only (also while serve runs), folds the
organization projection in memory and writes the report for --year: every cluster and
block as at 31/12 of the year before and of the year (members, leader and deputy, the
council member in charge), the changes (units moved, clusters formed, renamed or
dissolved, units merged or dissolved), units in no cluster or in several, the plans sent
to the sector council's standing office with their decisions, and summary counts.

--format json (the default), csv, printable html in Vietnamese, or xlsx (refused on a
terminal: redirect stdout or give --out FILE). --as-of answers from the ledger as it
stood then: a seq (events 0…seq), an RFC 3339 time (events recorded at or before it), or
a date (2025-01-15 or 15/01/2025), meaning the end of that day in Vietnam (UTC+7).
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			reportFlags(fs, c, "`json`, csv, html or xlsx")
			return []string{"reorganization"}
		},
		validate: func(c *Config) error { return c.validateReport("report") },
	}
	standingsCommand = command{
		synopsis: "tdkt standings --data DIR --year Y [--cluster ID] [--as-of T] [--format text|json] [--out FILE]",
		summary:  "standings of a year as a table: units ranked by total score, per cluster and block",
		details: `standings reads the store read-only (also while serve runs), folds the standings
projection in memory and prints, for each cluster and block with scores in --year (or
only --cluster ID), the units ranked by total score with each criterion's points, the
scoring stage used, corrections applied, registered and achieved titles, the acclaimed
leader and the flag proposal. --format json prints the same as JSON. --as-of as for
report: a seq, an RFC 3339 time, or a date meaning the end of that day in Vietnam.
`,
		flags: func(fs *flag.FlagSet, c *Config) []string {
			reportFlags(fs, c, "`text` or json")
			fs.StringVar(&c.Report.Cluster, "cluster", c.Report.Cluster, "only this cluster or block `ID`")
			return nil
		},
		validate: func(c *Config) error { return c.validateReport("standings") },
	}
)

// fmtPoints writes hundredths of a point the Vietnamese way: 9575 is
// "95,75", 9500 "95".
func fmtPoints(hundredths int64) string {
	sign := ""
	if hundredths < 0 {
		sign, hundredths = "-", -hundredths
	}
	whole, frac := hundredths/100, hundredths%100
	if frac == 0 {
		return fmt.Sprintf("%s%d", sign, whole)
	}
	if frac%10 == 0 {
		return fmt.Sprintf("%s%d,%d", sign, whole, frac/10)
	}
	return fmt.Sprintf("%s%d,%02d", sign, whole, frac)
}
