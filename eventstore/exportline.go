package eventstore

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/google/uuid"
)

// RecordedAtLayout is the layout of recordedAt in the export line: RFC 3339
// in UTC with exactly nine fractional digits, so every line has one form.
const RecordedAtLayout = "2006-01-02T15:04:05.000000000Z"

// AppendExportLine appends the export line of e to dst and returns the
// extended slice. The line is one JSON object with no insignificant
// whitespace and keys in exactly this order:
//
//	seq, id, stream, type, schema, revision, recordedAt, effective, actor,
//	basis, correlation, causation, data
//
// effective is {"date","year"}, actor {"subject","role","unit"}, basis
// {"number","date","issuer"}, each key always present; an absent object or
// field is null. Strings are escaped as JSON requires and no more: '"', '\\'
// and control characters (as \b \f \n \r \t or \u00XX); everything else,
// Vietnamese letters included, is written as UTF-8. data is written
// verbatim. No trailing newline.
func AppendExportLine(dst []byte, e *RecordedEvent) []byte {
	dst = append(dst, `{"seq":`...)
	dst = strconv.AppendUint(dst, e.Seq, 10)
	dst = append(dst, `,"id":"`...)
	dst = appendUUID(dst, e.ID)
	dst = append(dst, `","stream":`...)
	dst = appendString(dst, e.Stream)
	dst = append(dst, `,"type":`...)
	dst = appendString(dst, e.Type)
	dst = append(dst, `,"schema":`...)
	dst = strconv.AppendInt(dst, int64(e.Schema), 10)
	dst = append(dst, `,"revision":`...)
	dst = strconv.AppendUint(dst, e.Revision, 10)
	dst = append(dst, `,"recordedAt":"`...)
	dst = appendRecordedAt(dst, e.RecordedAt)
	dst = append(dst, `","effective":`...)
	if e.Effective.IsZero() {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, `{"date":`...)
		dst = appendOptString(dst, e.Effective.Date)
		dst = append(dst, `,"year":`...)
		if e.Effective.Year == 0 {
			dst = append(dst, "null"...)
		} else {
			dst = strconv.AppendInt(dst, int64(e.Effective.Year), 10)
		}
		dst = append(dst, '}')
	}
	dst = append(dst, `,"actor":`...)
	if e.Actor == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, `{"subject":`...)
		dst = appendString(dst, e.Actor.Subject)
		dst = append(dst, `,"role":`...)
		dst = appendOptString(dst, e.Actor.Role)
		dst = append(dst, `,"unit":`...)
		dst = appendOptString(dst, e.Actor.Unit)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"basis":`...)
	if e.Basis == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, `{"number":`...)
		dst = appendString(dst, e.Basis.Number)
		dst = append(dst, `,"date":`...)
		dst = appendOptString(dst, e.Basis.Date)
		dst = append(dst, `,"issuer":`...)
		dst = appendOptString(dst, e.Basis.Issuer)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"correlation":`...)
	dst = appendOptUUID(dst, e.Correlation)
	dst = append(dst, `,"causation":`...)
	dst = appendOptUUID(dst, e.Causation)
	dst = append(dst, `,"data":`...)
	dst = append(dst, e.Data...)
	dst = append(dst, '}')
	return dst
}

// appendRecordedAt appends t in RecordedAtLayout. It writes the digits
// itself (time.AppendFormat interprets the layout on every call, a tenth of
// an export file's verification time); years outside 0–9999, which the
// fixed layout cannot hold, fall back to AppendFormat.
func appendRecordedAt(dst []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(dst, RecordedAtLayout)
	}
	hour, min, sec := t.Clock()
	var b [30]byte
	put := func(i, v, width int) {
		for j := i + width - 1; j >= i; j-- {
			b[j] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, year, 4)
	b[4] = '-'
	put(5, int(month), 2)
	b[7] = '-'
	put(8, day, 2)
	b[10] = 'T'
	put(11, hour, 2)
	b[13] = ':'
	put(14, min, 2)
	b[16] = ':'
	put(17, sec, 2)
	b[19] = '.'
	put(20, t.Nanosecond(), 9)
	b[29] = 'Z'
	return append(dst, b[:]...)
}

// ExportLine returns the export line of e.
func ExportLine(e *RecordedEvent) []byte { return AppendExportLine(nil, e) }

// LeafHash returns the RFC 6962 leaf hash of an export line:
// SHA-256(0x00 || line).
func LeafHash(line []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(line)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

func appendUUID(dst []byte, id uuid.UUID) []byte {
	var buf [36]byte
	const hexd = "0123456789abcdef"
	j := 0
	for i, b := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			buf[j] = '-'
			j++
		}
		buf[j] = hexd[b>>4]
		buf[j+1] = hexd[b&0xf]
		j += 2
	}
	return append(dst, buf[:]...)
}

func appendOptUUID(dst []byte, id uuid.UUID) []byte {
	if id == uuid.Nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '"')
	dst = appendUUID(dst, id)
	return append(dst, '"')
}

func appendOptString(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "null"...)
	}
	return appendString(dst, s)
}

// appendString writes s as a JSON string, escaping only what JSON requires.
// s must be valid UTF-8 (ValidateAppend ensures it for everything stored).
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			const hexd = "0123456789abcdef"
			dst = append(dst, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&0xf])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// ErrMalformedLine: an export line is not in canonical form.
var ErrMalformedLine = errors.New("malformed export line")

// LineError locates a problem in an export line.
type LineError struct {
	// Offset is the byte offset in the line where parsing failed.
	Offset int
	Reason string
}

func (e *LineError) Error() string {
	return fmt.Sprintf("malformed export line at byte %d: %s", e.Offset, e.Reason)
}

// Is makes errors.Is(err, ErrMalformedLine) hold.
func (e *LineError) Is(target error) bool { return target == ErrMalformedLine }

// ParseExportLine decodes an export line. It accepts only the canonical
// form AppendExportLine writes (AppendExportLine of the result is exactly
// line), so a line that parses has one meaning and one leaf hash; and the
// event must be one Append would accept (ValidateEvent). The
// returned event's Data aliases line.
func ParseExportLine(line []byte) (RecordedEvent, error) {
	ev, canonical, err := parseLineInto(line, false)
	if err != nil {
		return RecordedEvent{}, err
	}
	if err := checkParsedLine(&ev, canonical); err != nil {
		return RecordedEvent{}, err
	}
	return ev, nil
}

// LineHeader is what CheckExportLine returns of a line: the fields a
// verifier compares with where the line was found.
type LineHeader struct {
	Seq      uint64
	ID       uuid.UUID
	Stream   string
	Revision uint64
}

// CheckExportLine makes the checks of ParseExportLine and returns only the
// line's header: for verifying at speed, it builds one string (the stream)
// instead of the whole event; the event it parses borrows line's memory
// and never leaves it.
func CheckExportLine(line []byte) (LineHeader, error) {
	ev, canonical, err := parseLineInto(line, true)
	if err != nil {
		return LineHeader{}, err
	}
	if err := checkParsedLine(&ev, canonical); err != nil {
		return LineHeader{}, err
	}
	return LineHeader{Seq: ev.Seq, ID: ev.ID, Stream: strings.Clone(ev.Stream), Revision: ev.Revision}, nil
}

// checkParsedLine checks that ev, parsed from line, is a valid event whose
// canonical export line is line: the parser has checked the form of every
// field as it went (canonical), so nothing is re-encoded.
// TestCanonicalParseAgrees and FuzzCanonicalParse check that this accepts
// exactly the lines that AppendExportLine would write.
func checkParsedLine(ev *RecordedEvent, canonical bool) error {
	if !canonical {
		return &LineError{Offset: 0, Reason: "not in canonical form (key order, escaping, number or time format)"}
	}
	if err := ValidateStreamName(ev.Stream); err != nil {
		return &LineError{Offset: 0, Reason: err.Error()}
	}
	if err := ValidateEvent(&ev.Event); err != nil {
		return &LineError{Offset: 0, Reason: err.Error()}
	}
	return nil
}

// ParseTrustedExportLine decodes an export line this store wrote, without
// the canonical-form and validity checks. It still fails on anything it
// cannot parse. The returned event's Data aliases line.
func ParseTrustedExportLine(line []byte) (RecordedEvent, error) { return parseLine(line) }

type lineParser struct {
	b   []byte
	i   int
	err error
	// borrow makes str return strings that share b's memory instead of
	// copies: only for CheckExportLine, whose event never leaves it.
	borrow bool
	// noncanon is set when something parsed is valid but not written the
	// way AppendExportLine writes it (a leading zero, an escape it would
	// not use, an empty string where it writes null…).
	noncanon bool
}

func (p *lineParser) fail(reason string) {
	if p.err == nil {
		p.err = &LineError{Offset: p.i, Reason: reason}
	}
}

// lit consumes the literal s.
func (p *lineParser) lit(s string) {
	if p.err != nil {
		return
	}
	if !bytes.HasPrefix(p.b[p.i:], []byte(s)) {
		p.fail("expected " + strconv.Quote(s))
		return
	}
	p.i += len(s)
}

func (p *lineParser) isNull() bool {
	if p.err == nil && bytes.HasPrefix(p.b[p.i:], []byte("null")) {
		p.i += 4
		return true
	}
	return false
}

func (p *lineParser) uint() uint64 {
	if p.err != nil {
		return 0
	}
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	n, err := strconv.ParseUint(string(p.b[start:p.i]), 10, 64)
	if err != nil {
		p.i = start
		p.fail("expected an unsigned integer")
	}
	if p.i-start > 1 && p.b[start] == '0' {
		p.noncanon = true // a leading zero
	}
	return n
}

func (p *lineParser) int() int {
	if p.err != nil {
		return 0
	}
	neg := false
	if p.i < len(p.b) && p.b[p.i] == '-' {
		neg = true
		p.i++
	}
	n := p.uint()
	if n > 1<<31 {
		p.fail("integer out of range")
	}
	if neg {
		if n == 0 {
			p.noncanon = true // -0
		}
		return -int(n)
	}
	return int(n)
}

func (p *lineParser) str() string {
	if p.err != nil {
		return ""
	}
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		p.fail("expected a string")
		return ""
	}
	p.i++
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '"' {
			s := p.b[start:p.i]
			p.i++
			if !utf8.Valid(s) {
				p.fail("string is not valid UTF-8")
				return ""
			}
			if p.borrow {
				return unsafe.String(unsafe.SliceData(s), len(s))
			}
			return string(s)
		}
		if c == '\\' {
			return p.strSlow(start)
		}
		if c < 0x20 {
			p.fail("control character in string")
			return ""
		}
		p.i++
	}
	p.fail("unterminated string")
	return ""
}

// strSlow decodes a string with escapes, starting again at start.
func (p *lineParser) strSlow(start int) string {
	p.i = start
	var out []byte
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(out) {
				p.fail("string is not valid UTF-8")
				return ""
			}
			// Escapes are canonical only as appendString writes them.
			if raw := p.b[start-1 : p.i]; !bytes.Equal(appendString(nil, string(out)), raw) {
				p.noncanon = true
			}
			return string(out)
		case c < 0x20:
			p.fail("control character in string")
			return ""
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			break
		}
		p.i++
		switch e := p.b[p.i]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if p.i+4 >= len(p.b) {
				p.fail("short \\u escape")
				return ""
			}
			v, err := strconv.ParseUint(string(p.b[p.i+1:p.i+5]), 16, 32)
			if err != nil {
				p.fail("bad \\u escape")
				return ""
			}
			p.i += 4
			r := rune(v)
			if r >= 0xd800 && r < 0xdc00 && p.i+6 < len(p.b) && p.b[p.i+1] == '\\' && p.b[p.i+2] == 'u' {
				if v2, err := strconv.ParseUint(string(p.b[p.i+3:p.i+7]), 16, 32); err == nil && v2 >= 0xdc00 && v2 < 0xe000 {
					r = (r-0xd800)<<10 + (rune(v2) - 0xdc00) + 0x10000
					p.i += 6
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			p.fail("bad escape")
			return ""
		}
		p.i++
	}
	p.fail("unterminated string")
	return ""
}

func (p *lineParser) optStr() string {
	if p.isNull() {
		return ""
	}
	v := p.str()
	if v == "" {
		p.noncanon = true // an absent text is written null
	}
	return v
}

func (p *lineParser) uuid() uuid.UUID {
	s := p.str()
	if p.err != nil {
		return uuid.Nil
	}
	id, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		p.fail("bad UUID")
		return uuid.Nil
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'F' {
			p.noncanon = true // UUIDs are written in lower case
			break
		}
	}
	return id
}

func (p *lineParser) optUUID() uuid.UUID {
	if p.isNull() {
		return uuid.Nil
	}
	id := p.uuid()
	if id == uuid.Nil && p.err == nil {
		p.noncanon = true // the nil UUID is written null
	}
	return id
}

func parseLine(line []byte) (RecordedEvent, error) {
	e, _, err := parseLineInto(line, false)
	return e, err
}

// parseLineInto parses line; canonical reports whether every field is
// written as AppendExportLine writes it.
func parseLineInto(line []byte, borrow bool) (e RecordedEvent, canonical bool, err error) {
	p := &lineParser{b: line, borrow: borrow}
	p.lit(`{"seq":`)
	e.Seq = p.uint()
	p.lit(`,"id":`)
	e.ID = p.uuid()
	p.lit(`,"stream":`)
	e.Stream = p.str()
	p.lit(`,"type":`)
	e.Type = p.str()
	p.lit(`,"schema":`)
	e.Schema = p.int()
	p.lit(`,"revision":`)
	e.Revision = p.uint()
	p.lit(`,"recordedAt":`)
	if ts := p.str(); p.err == nil {
		t, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			p.fail("bad recordedAt")
		}
		if len(ts) != len(RecordedAtLayout) || ts[10] != 'T' || ts[19] != '.' || ts[29] != 'Z' {
			p.noncanon = true // not RecordedAtLayout
		}
		e.RecordedAt = t.UTC()
	}
	p.lit(`,"effective":`)
	if !p.isNull() {
		p.lit(`{"date":`)
		e.Effective.Date = p.optStr()
		p.lit(`,"year":`)
		if !p.isNull() {
			e.Effective.Year = p.int()
			if e.Effective.Year == 0 {
				p.noncanon = true // year 0 is written null
			}
		}
		p.lit(`}`)
		if e.Effective.IsZero() {
			p.noncanon = true // an empty effective is written null
		}
	}
	p.lit(`,"actor":`)
	if !p.isNull() {
		a := &Actor{}
		p.lit(`{"subject":`)
		a.Subject = p.str()
		p.lit(`,"role":`)
		a.Role = p.optStr()
		p.lit(`,"unit":`)
		a.Unit = p.optStr()
		p.lit(`}`)
		e.Actor = a
	}
	p.lit(`,"basis":`)
	if !p.isNull() {
		b := &Basis{}
		p.lit(`{"number":`)
		b.Number = p.str()
		p.lit(`,"date":`)
		b.Date = p.optStr()
		p.lit(`,"issuer":`)
		b.Issuer = p.optStr()
		p.lit(`}`)
		e.Basis = b
	}
	p.lit(`,"correlation":`)
	e.Correlation = p.optUUID()
	p.lit(`,"causation":`)
	e.Causation = p.optUUID()
	p.lit(`,"data":`)
	if p.err != nil {
		return RecordedEvent{}, false, p.err
	}
	if len(line) < p.i+2 || line[len(line)-1] != '}' {
		p.fail("expected data and a closing brace")
		return RecordedEvent{}, false, p.err
	}
	e.Data = line[p.i : len(line)-1]
	return e, !p.noncanon, nil
}
