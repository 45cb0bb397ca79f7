package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/eventstore"
)

// ReplayConfig is the configuration of tdkt replay.
type ReplayConfig struct {
	// Stream narrows to one stream ("" means all).
	Stream string
	// Types narrows to these event types (none means all).
	Types []string
	// From and To bound seq: From <= seq <= To (To 0 with ToSet false
	// means no bound).
	From  uint64
	To    uint64
	ToSet bool
	// Since and Until bound recordedAt (zero means no bound).
	Since, Until time.Time
	// Lang is "vi" or "en".
	Lang string
}

// validateReplay checks replay's flags.
func (c *Config) validateReplay() error {
	r := &c.Replay
	switch r.Lang {
	case "vi", "en":
	default:
		return fmt.Errorf("invalid --lang %q: want vi or en", r.Lang)
	}
	if r.ToSet && r.To < r.From {
		return fmt.Errorf("--to %d is before --from %d", r.To, r.From)
	}
	if !r.Since.IsZero() && !r.Until.IsZero() && r.Until.Before(r.Since) {
		return errors.New("--until is before --since")
	}
	return c.validateData()
}

// timeFlag is --since/--until: an RFC 3339 time, or a date (YYYY-MM-DD,
// or dd/mm/yyyy as on Vietnamese documents) meaning its start in UTC.
type timeFlag struct{ p *time.Time }

func (f timeFlag) String() string {
	if f.p == nil || f.p.IsZero() {
		return ""
	}
	return f.p.Format(time.RFC3339)
}

func (f timeFlag) Set(s string) error {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			*f.p = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("want an RFC 3339 time (2025-01-15T08:00:00+07:00) or a date (2025-01-15 or 15/01/2025), got %q", s)
}

// toFlag is replay's --to: it records that a bound was given.
type toFlag struct{ c *ReplayConfig }

func (f toFlag) String() string {
	if f.c == nil || !f.c.ToSet {
		return ""
	}
	return fmt.Sprint(f.c.To)
}

func (f toFlag) Set(s string) error {
	if err := (uint64Flag{&f.c.To}).Set(s); err != nil {
		return err
	}
	f.c.ToSet = true
	return nil
}

// runReplay narrates the ledger one line per event, in seq order, for a
// person to read: seq, the date the fact is about, who recorded it and for
// which unit, what happened in words, and the legal basis.
func (m *Main) runReplay(ctx context.Context) error {
	s, err := m.openReadOnly()
	if err != nil {
		return err
	}
	cfg := m.Config.Replay
	w := bufio.NewWriter(m.Stdout)
	n := 0
	for ev, err := range s.ReadAll(ctx, cfg.From) {
		if err != nil {
			return err
		}
		if cfg.ToSet && ev.Seq > cfg.To {
			break
		}
		if !cfg.Until.IsZero() && ev.RecordedAt.After(cfg.Until) {
			break // recordedAt never goes back in seq order
		}
		if cfg.Stream != "" && ev.Stream != cfg.Stream ||
			len(cfg.Types) > 0 && !slices.Contains(cfg.Types, ev.Type) ||
			!cfg.Since.IsZero() && ev.RecordedAt.Before(cfg.Since) {
			continue
		}
		narrate(w, &ev, cfg.Lang)
		n++
	}
	if n == 0 {
		if cfg.Lang == "en" {
			fmt.Fprintln(w, "(no event matches)")
		} else {
			fmt.Fprintln(w, "(không có sự kiện nào phù hợp)")
		}
	}
	return w.Flush()
}

// fieldLabels names the data fields worth showing, in the order shown.
var fieldLabels = []struct{ key, vi, en string }{
	{"name", "tên", "name"},
	{"fullName", "họ tên", "name"},
	{"oldName", "tên cũ", "old name"},
	{"newName", "tên mới", "new name"},
	{"title", "tên", "title"},
	{"theme", "chủ đề", "theme"},
	{"awardKind", "hình thức", "award"},
	{"rating", "xếp loại", "rating"},
	{"form", "hình thức", "form"},
	{"scope", "phạm vi", "scope"},
	{"year", "năm", "year"},
	{"total", "tổng điểm", "total"},
	{"decisionNo", "số quyết định", "decision no."},
	{"docNo", "số văn bản", "document no."},
	{"decision", "quyết định", "decision"},
	{"result", "kết quả", "result"},
	{"ground", "căn cứ hủy", "ground"},
	{"reason", "lý do", "reason"},
	{"unitId", "đơn vị", "unit"},
	{"personId", "cá nhân", "person"},
	{"clusterId", "cụm/khối", "cluster"},
	{"fromClusterId", "từ cụm", "from cluster"},
	{"toClusterId", "sang cụm", "to cluster"},
	{"leaderUnitId", "trưởng cụm", "leader"},
	{"deputyUnitId", "phó cụm", "deputy"},
	{"leadingUnitId", "đơn vị dẫn đầu", "leading unit"},
	{"members", "thành viên", "members"},
	{"supersedesScoreId", "thay cho điểm", "supersedes score"},
	{"basedOnSeq", "căn cứ sổ cái đến seq", "decided on the ledger up to seq"},
}

// narrate writes one line for ev.
func narrate(w io.Writer, ev *eventstore.RecordedEvent, lang string) {
	li := 0
	if lang == "en" {
		li = 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#%d ", ev.Seq)
	// The date the fact is about, else when it was recorded.
	if d, err := time.Parse("2006-01-02", ev.Effective.Date); err == nil {
		b.WriteString(fmtDate(d, lang))
	} else {
		b.WriteString(fmtDate(ev.RecordedAt, lang))
		if li == 0 {
			b.WriteString(" (ngày ghi)")
		} else {
			b.WriteString(" (recorded)")
		}
	}
	b.WriteString(" · ")
	if a := ev.Actor; a != nil && a.Subject != "" {
		b.WriteString(a.Subject)
		var in []string
		if a.Role != "" {
			in = append(in, a.Role)
		}
		if a.Unit != "" {
			in = append(in, a.Unit)
		}
		if len(in) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(in, ", "))
		}
	} else if li == 0 {
		b.WriteString("(không rõ người ghi)")
	} else {
		b.WriteString("(no actor)")
	}
	b.WriteString(" · ")
	b.WriteString(api.EventLabel(ev.Type, lang))
	if ev.Effective.Year != 0 && !bytes.Contains(ev.Data, []byte(`"year"`)) {
		if li == 0 {
			fmt.Fprintf(&b, " năm %d", ev.Effective.Year)
		} else {
			fmt.Fprintf(&b, " for %d", ev.Effective.Year)
		}
	}
	if f := dataSummary(ev.Data, li); f != "" {
		b.WriteString(": " + f)
	}
	if bs := ev.Basis; bs != nil && bs.Number != "" {
		if li == 0 {
			b.WriteString(" · căn cứ " + bs.Number)
			if d, err := time.Parse("2006-01-02", bs.Date); err == nil {
				b.WriteString(" ngày " + fmtDate(d, lang))
			}
			if bs.Issuer != "" {
				b.WriteString(" của " + bs.Issuer)
			}
		} else {
			b.WriteString(" · basis " + bs.Number)
			if d, err := time.Parse("2006-01-02", bs.Date); err == nil {
				b.WriteString(" of " + fmtDate(d, lang))
			}
			if bs.Issuer != "" {
				b.WriteString(" by " + bs.Issuer)
			}
		}
	}
	fmt.Fprintf(&b, " [%s r%d]\n", ev.Stream, ev.Revision)
	io.WriteString(w, b.String())
}

// fmtDate is dd/mm/yyyy in Vietnamese, ISO 8601 in English.
func fmtDate(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("2006-01-02")
	}
	return t.Format("02/01/2006")
}

// dataSummary picks the labelled fields of data, at most five.
func dataSummary(data []byte, li int) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return ""
	}
	var parts []string
	for _, f := range fieldLabels {
		raw, ok := m[f.key]
		if !ok {
			continue
		}
		v := valueText(raw, li)
		if v == "" {
			continue
		}
		label := f.vi
		if li == 1 {
			label = f.en
		}
		parts = append(parts, label+" "+v)
		if len(parts) == 5 {
			break
		}
	}
	return strings.Join(parts, "; ")
}

// valueText renders a JSON value briefly: strings bare, numbers as they
// are, lists by their length.
func valueText(raw json.RawMessage, li int) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case float64, bool:
		return string(raw)
	case []any:
		if li == 0 {
			return fmt.Sprintf("%d mục", len(x))
		}
		return fmt.Sprintf("%d items", len(x))
	}
	return ""
}
