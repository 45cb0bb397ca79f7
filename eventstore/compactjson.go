package eventstore

import (
	"fmt"
	"unicode/utf8"
)

// maxDataDepth bounds the nesting of arrays and objects in data, so that a
// hostile event cannot exhaust the validator's stack.
const maxDataDepth = 512

// checkCompactObject reports whether d is one JSON object (RFC 8259) written
// compactly: no whitespace outside strings, strings valid UTF-8 without raw
// control characters. It is the single pass that replaces utf8.Valid,
// json.Valid and a json.Compact comparison on every event written, read
// from an export file or verified; FuzzCheckCompactObject checks it agrees
// with them.
func checkCompactObject(d []byte) error {
	if len(d) == 0 || d[0] != '{' {
		return fmt.Errorf("must be a JSON object")
	}
	v := compactValidator{b: d}
	v.value(0)
	if v.err != nil {
		return v.err
	}
	if v.i != len(d) {
		return v.errorf("unexpected data after the object")
	}
	return nil
}

type compactValidator struct {
	b   []byte
	i   int
	err error
}

func (v *compactValidator) errorf(format string, args ...any) error {
	if v.err == nil {
		v.err = fmt.Errorf("at byte %d: %s", v.i, fmt.Sprintf(format, args...))
	}
	return v.err
}

func (v *compactValidator) value(depth int) {
	if v.i >= len(v.b) {
		v.errorf("unexpected end of JSON")
		return
	}
	switch c := v.b[v.i]; {
	case c == '{':
		if depth >= maxDataDepth {
			v.errorf("nested more than %d levels", maxDataDepth)
			return
		}
		v.i++
		if v.i < len(v.b) && v.b[v.i] == '}' {
			v.i++
			return
		}
		for v.err == nil {
			if v.i >= len(v.b) || v.b[v.i] != '"' {
				v.errorf("expected a string key (no whitespace allowed)")
				return
			}
			v.str()
			if v.err != nil {
				return
			}
			if v.i >= len(v.b) || v.b[v.i] != ':' {
				v.errorf("expected ':' (no whitespace allowed)")
				return
			}
			v.i++
			v.value(depth + 1)
			if v.err != nil {
				return
			}
			if v.i < len(v.b) && v.b[v.i] == ',' {
				v.i++
				continue
			}
			if v.i < len(v.b) && v.b[v.i] == '}' {
				v.i++
				return
			}
			v.errorf("expected ',' or '}' (no whitespace allowed)")
		}
	case c == '[':
		if depth >= maxDataDepth {
			v.errorf("nested more than %d levels", maxDataDepth)
			return
		}
		v.i++
		if v.i < len(v.b) && v.b[v.i] == ']' {
			v.i++
			return
		}
		for v.err == nil {
			v.value(depth + 1)
			if v.err != nil {
				return
			}
			if v.i < len(v.b) && v.b[v.i] == ',' {
				v.i++
				continue
			}
			if v.i < len(v.b) && v.b[v.i] == ']' {
				v.i++
				return
			}
			v.errorf("expected ',' or ']' (no whitespace allowed)")
		}
	case c == '"':
		v.str()
	case c == '-' || c >= '0' && c <= '9':
		v.number()
	case c == 't':
		v.lit("true")
	case c == 'f':
		v.lit("false")
	case c == 'n':
		v.lit("null")
	default:
		v.errorf("unexpected %q (no whitespace allowed outside strings)", c)
	}
}

func (v *compactValidator) lit(s string) {
	if len(v.b)-v.i < len(s) || string(v.b[v.i:v.i+len(s)]) != s {
		v.errorf("invalid literal")
		return
	}
	v.i += len(s)
}

// str consumes a string starting at its opening quote.
func (v *compactValidator) str() {
	v.i++ // the quote
	for v.i < len(v.b) {
		c := v.b[v.i]
		switch {
		case c == '"':
			v.i++
			return
		case c == '\\':
			v.i++
			if v.i >= len(v.b) {
				break
			}
			switch v.b[v.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				v.i++
			case 'u':
				if len(v.b)-v.i < 5 || !isHex(v.b[v.i+1]) || !isHex(v.b[v.i+2]) || !isHex(v.b[v.i+3]) || !isHex(v.b[v.i+4]) {
					v.errorf("invalid \\u escape")
					return
				}
				v.i += 5
			default:
				v.errorf("invalid escape")
				return
			}
		case c < 0x20:
			v.errorf("control character in a string")
			return
		case c < utf8.RuneSelf:
			v.i++
		default:
			r, n := utf8.DecodeRune(v.b[v.i:])
			if r == utf8.RuneError && n <= 1 {
				v.errorf("invalid UTF-8")
				return
			}
			v.i += n
		}
	}
	v.errorf("unterminated string")
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isDigit(b []byte, i int) bool { return i < len(b) && b[i] >= '0' && b[i] <= '9' }

// number consumes a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (v *compactValidator) number() {
	b := v.b
	if b[v.i] == '-' {
		v.i++
	}
	switch {
	case v.i < len(b) && b[v.i] == '0':
		v.i++
	case isDigit(b, v.i):
		for isDigit(b, v.i) {
			v.i++
		}
	default:
		v.errorf("invalid number")
		return
	}
	if v.i < len(b) && b[v.i] == '.' {
		v.i++
		if !isDigit(b, v.i) {
			v.errorf("invalid number")
			return
		}
		for isDigit(b, v.i) {
			v.i++
		}
	}
	if v.i < len(b) && (b[v.i] == 'e' || b[v.i] == 'E') {
		v.i++
		if v.i < len(b) && (b[v.i] == '+' || b[v.i] == '-') {
			v.i++
		}
		if !isDigit(b, v.i) {
			v.errorf("invalid number")
			return
		}
		for isDigit(b, v.i) {
			v.i++
		}
	}
}
