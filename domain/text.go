package domain

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Vietnamese text. The same name typed on two keyboards can arrive in two
// Unicode forms: "Hòa" with a precomposed "ò" (U+00F2) or with "o" and a
// combining grave (U+0300), and Vietnamese input methods also differ in
// where they put the tone mark. Names are therefore normalized once, on the
// way in, to NFC with single spaces, and events only ever carry the
// normalized form: equal names are equal strings.

// NormalizeName returns s trimmed, in Unicode NFC, with every run of white
// space collapsed to one ASCII space. It returns an *Error with EINVALID if
// s is not valid UTF-8, contains control or format characters, or is blank.
func NormalizeName(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", Errorf(EINVALID, "name: invalid UTF-8")
	}
	for _, r := range s {
		if isWhite(r) {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return "", Errorf(EINVALID, "name: control character %U", r)
		}
	}
	s = strings.Join(strings.FieldsFunc(norm.NFC.String(s), isWhite), " ")
	if s == "" {
		return "", Errorf(EINVALID, "name: blank")
	}
	if n := utf8.RuneCountInString(s); n > MaxNameRunes {
		return "", Errorf(EINVALID, "name: %d characters, at most %d", n, MaxNameRunes)
	}
	return s, nil
}

// Length limits. A unit's full name runs to about 80 characters ("Viện kiểm
// sát nhân dân cấp cao tại Thành phố Hồ Chí Minh"), an initiative's title
// or a movement's theme to a few hundred; free text (a description, the
// summary of public feedback) to a few pages. The limits keep one field
// from filling an event (1 MiB) or a page.
const (
	// MaxNameRunes is the longest name, title or theme, in characters.
	MaxNameRunes = 500
	// MaxTextBytes is the longest free text, in bytes of UTF-8.
	MaxTextBytes = 64 << 10
)

// isWhite reports white space, including the no-break space common in text
// pasted from word processors.
func isWhite(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' }

// NormalizeText returns free text (a note, a reason) in NFC with outer
// white space trimmed; inner line breaks are kept. It rejects invalid UTF-8
// and control characters other than newline and tab.
func NormalizeText(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", Errorf(EINVALID, "text: invalid UTF-8")
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	if err := checkText(s); err != nil {
		return "", Errorf(EINVALID, "text: %s", err.Error())
	}
	if len(s) > MaxTextBytes {
		return "", Errorf(EINVALID, "text: %d bytes, at most %d", len(s), MaxTextBytes)
	}
	return s, nil
}

var (
	errNotNFC     = errors.New("not in NFC")
	errBadUTF8    = errors.New("invalid UTF-8")
	errControl    = errors.New("control character")
	errOuterWhite = errors.New("leading or trailing white space")
)

// checkText reports why v is not acceptable free text, or nil.
func checkText(v string) error {
	if !utf8.ValidString(v) {
		return errBadUTF8
	}
	for _, r := range v {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return errControl
		}
	}
	if !norm.NFC.IsNormalString(v) {
		return errNotNFC
	}
	if strings.TrimSpace(v) != v {
		return errOuterWhite
	}
	return nil
}

// vietnamese is the collator behind CompareNames. A collate.Collator is not
// safe for concurrent use, so each call takes one from a pool.
var vietnamese = sync.Pool{New: func() any {
	return collate.New(language.Vietnamese)
}}

// CompareNames compares two names in Vietnamese alphabetical order (a ă â
// b c d đ e ê … with tones ordered after the base letter), returning -1, 0
// or +1. Both names are normalized first, so the Unicode form does not
// matter. Use it to sort lists of people and units for display.
func CompareNames(a, b string) int {
	c := vietnamese.Get().(*collate.Collator)
	defer vietnamese.Put(c)
	return c.CompareString(norm.NFC.String(a), norm.NFC.String(b))
}

// DocNumber is the number of an official document as the sector writes it
// ("số ký hiệu văn bản"): 123/QĐ-VKSTC, 317/VKS-VP, 750/VP, 84/2025/UBTVQH15,
// 02/2024/TT-VKSTC, 109-NQ/BCSĐ. It is stored exactly as given (after NFC
// and trimming), because numbering is not guaranteed to carry meaning; the
// parts are exposed for display and search only.
//
// The zero value means "no number". DocNumber encodes in JSON as a string.
type DocNumber struct {
	raw    string
	number string
	year   int
	kind   string
	issuer string
}

// docKinds are the abbreviations of document types (thể loại văn bản) that
// open the part after the number, as in QĐ-VKSTC. A công văn has none: in
// 317/VKS-VP both parts name the issuer.
var docKinds = map[string]bool{
	"QĐ": true, "HD": true, "CT": true, "KH": true, "TT": true, "NĐ": true,
	"NQ": true, "TB": true, "BC": true, "TTr": true, "QC": true, "CV": true,
	"BB": true, "GM": true, "KL": true, "TTLT": true, "CĐ": true,
}

// ParseDocNumber parses a document number. Accepted shapes:
//
//	NUMBER/[YEAR/]SUFFIX   123/QĐ-VKSTC, 02/2024/TT-VKSTC, 750/VP, 84/2025/UBTVQH15
//	NUMBER-KIND/ISSUER     109-NQ/BCSĐ (Party documents)
//
// NUMBER is 1–6 digits, optionally followed by letters (12a); YEAR is four
// digits; SUFFIX is one or more hyphen-separated parts made of letters and
// digits. Outer white space is trimmed; anything else, including inner
// white space, is an *Error with EINVALID.
func ParseDocNumber(s string) (DocNumber, error) {
	bad := func(why string) (DocNumber, error) {
		return DocNumber{}, Errorf(EINVALID, "document number %q: %s (expected e.g. 123/QĐ-VKSTC or 02/2024/TT-VKSTC)", s, why)
	}
	if !utf8.ValidString(s) {
		return bad("invalid UTF-8")
	}
	raw := strings.TrimSpace(norm.NFC.String(s))
	if raw == "" {
		return bad("blank")
	}
	if len(raw) > 80 {
		return bad("too long")
	}
	for _, r := range raw {
		if !(r == '/' || r == '-' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return bad("unexpected character " + quoteRune(r))
		}
	}
	parts := strings.Split(raw, "/")
	d := DocNumber{raw: raw}
	first := parts[0]
	if num, kind, ok := strings.Cut(first, "-"); ok {
		// NUMBER-KIND/ISSUER
		if len(parts) != 2 || !isDocNumber(num) || !isDocPart(kind) || !isDocSuffix(parts[1]) {
			return bad("malformed")
		}
		d.number, d.kind, d.issuer = num, kind, parts[1]
		return d, nil
	}
	if !isDocNumber(first) {
		return bad("must start with a number")
	}
	d.number = first
	switch len(parts) {
	case 2:
	case 3:
		y, ok := digits(parts[1])
		if len(parts[1]) != 4 || !ok || y < minYear || y > maxYear {
			return bad("year must be four digits")
		}
		d.year = y
	default:
		return bad("malformed")
	}
	suffix := parts[len(parts)-1]
	if !isDocSuffix(suffix) {
		return bad("malformed issuer part")
	}
	if k, rest, ok := strings.Cut(suffix, "-"); ok && docKinds[k] {
		d.kind, d.issuer = k, rest
	} else {
		d.issuer = suffix
	}
	return d, nil
}

func quoteRune(r rune) string {
	if unicode.IsPrint(r) {
		return fmt.Sprintf("%q", r)
	}
	return fmt.Sprintf("%U", r)
}

// isDocNumber: 1–6 digits, then optional letters.
func isDocNumber(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 6 {
		return false
	}
	for _, r := range s[i:] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isDocPart: one non-empty run of letters, digits and dots, starting and
// ending with a letter or digit.
func isDocPart(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for _, r := range s {
		if !(r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

// isDocSuffix: hyphen-separated parts, at least one containing a letter.
func isDocSuffix(s string) bool {
	letter := false
	for p := range strings.SplitSeq(s, "-") {
		if !isDocPart(p) {
			return false
		}
		if strings.IndexFunc(p, unicode.IsLetter) >= 0 {
			letter = true
		}
	}
	return letter
}

// String returns the number as given, e.g. "123/QĐ-VKSTC".
func (d DocNumber) String() string { return d.raw }

// Number returns the leading number as written, e.g. "09" in 09/HD-VKSTC.
func (d DocNumber) Number() string { return d.number }

// Year returns the year part, e.g. 2024 in 02/2024/TT-VKSTC, or 0.
func (d DocNumber) Year() int { return d.year }

// Kind returns the document-type abbreviation, e.g. "QĐ" in 123/QĐ-VKSTC,
// or "" when the number has none (a công văn such as 317/VKS-VP).
func (d DocNumber) Kind() string { return d.kind }

// Issuer returns the issuer part, e.g. "VKSTC" in 123/QĐ-VKSTC, "VKS-VP" in
// 317/VKS-VP, "UBTVQH15" in 84/2025/UBTVQH15.
func (d DocNumber) Issuer() string { return d.issuer }

// IsZero reports whether d is the zero DocNumber.
func (d DocNumber) IsZero() bool { return d.raw == "" }

// MarshalText encodes d as given. The zero DocNumber cannot be encoded:
// optional fields carry the omitzero tag.
func (d DocNumber) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return nil, Errorf(EINVALID, "document number: required")
	}
	return []byte(d.raw), nil
}

// UnmarshalText parses a document number. Stored numbers must already be
// in canonical form (NFC, trimmed), so decoding and re-encoding give the
// same bytes.
func (d *DocNumber) UnmarshalText(b []byte) error {
	v, err := ParseDocNumber(string(b))
	if err != nil {
		return err
	}
	if v.raw != string(b) {
		return Errorf(EINVALID, "document number %q: not in canonical form", b)
	}
	*d = v
	return nil
}
