package eventstore

import (
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// ValidateAppend checks an Append's arguments against the contract every
// backend shares: a well-formed stream name, 1 to MaxEventsPerAppend events,
// and each event well formed (ValidateEvent) with an id unique in the batch.
// It returns an *InvalidEventError naming the first problem. Size limits are
// checked by the backend on the export line (CheckSize).
func ValidateAppend(stream string, events []Event) error {
	if err := ValidateStreamName(stream); err != nil {
		return err
	}
	if len(events) == 0 {
		return &InvalidEventError{Index: -1, Field: "events", Reason: "an append needs at least one event"}
	}
	if len(events) > MaxEventsPerAppend {
		return &InvalidEventError{Index: -1, Field: "events", Reason: "more than 10000 events in one append"}
	}
	var seen map[uuid.UUID]struct{}
	if len(events) > 1 {
		seen = make(map[uuid.UUID]struct{}, len(events))
	}
	for i := range events {
		if err := validateEvent(i, &events[i]); err != nil {
			return err
		}
		if seen != nil {
			if _, dup := seen[events[i].ID]; dup {
				return &InvalidEventError{Index: i, Field: "id", Reason: "the same id appears twice in one append"}
			}
			seen[events[i].ID] = struct{}{}
		}
	}
	return nil
}

// ValidateStreamName checks a stream name: 1 to MaxStreamNameLen bytes of
// valid UTF-8 with no control characters and no surrounding spaces.
func ValidateStreamName(stream string) error {
	switch {
	case stream == "":
		return &InvalidEventError{Index: -1, Field: "stream", Reason: "empty stream name"}
	case len(stream) > MaxStreamNameLen:
		return &InvalidEventError{Index: -1, Field: "stream", Reason: "stream name longer than 512 bytes"}
	case !cleanText(stream):
		return &InvalidEventError{Index: -1, Field: "stream", Reason: "stream name is not valid UTF-8 text without control characters"}
	case stream[0] == ' ' || stream[len(stream)-1] == ' ':
		return &InvalidEventError{Index: -1, Field: "stream", Reason: "stream name starts or ends with a space"}
	}
	return nil
}

// ValidateEvent checks one event: a non-nil id; a wire name of letters,
// digits, '.', '_' or '-'; schema 1 or more; well-formed effective date and
// year; actor and basis text without control characters; data a compact
// JSON object in valid UTF-8.
func ValidateEvent(e *Event) error { return validateEvent(0, e) }

func validateEvent(i int, e *Event) error {
	bad := func(field, reason string) error { return &InvalidEventError{Index: i, Field: field, Reason: reason} }
	if e.ID == uuid.Nil {
		return bad("id", "the nil UUID is not an event id")
	}
	if e.Type == "" || len(e.Type) > MaxTypeLen {
		return bad("type", "must be 1 to 128 bytes")
	}
	for j := 0; j < len(e.Type); j++ {
		c := e.Type[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return bad("type", "only letters, digits, '.', '_' and '-' are allowed")
		}
	}
	if e.Schema < 1 || e.Schema > 1<<20 {
		return bad("schema", "must be 1 or more")
	}
	if e.Effective.Date != "" && !validDate(e.Effective.Date) {
		return bad("effective.date", "must be a calendar date YYYY-MM-DD")
	}
	if e.Effective.Year != 0 && (e.Effective.Year < 1900 || e.Effective.Year > 9999) {
		return bad("effective.year", "must be between 1900 and 9999")
	}
	if a := e.Actor; a != nil {
		if a.Subject == "" {
			return bad("actor.subject", "an actor needs a subject")
		}
		if !shortText(a.Subject) || !shortText(a.Role) || !shortText(a.Unit) {
			return bad("actor", "fields must be valid UTF-8 text without control characters, at most 512 bytes")
		}
	}
	if b := e.Basis; b != nil {
		if b.Number == "" {
			return bad("basis.number", "a legal basis needs a document number")
		}
		if !shortText(b.Number) || !shortText(b.Issuer) {
			return bad("basis", "fields must be valid UTF-8 text without control characters, at most 512 bytes")
		}
		if b.Date != "" && !validDate(b.Date) {
			return bad("basis.date", "must be a calendar date YYYY-MM-DD")
		}
	}
	d := e.Data
	if checkCompactObject(d) == nil {
		return nil
	}
	// Rejected: say why in the words of each check.
	if len(d) < 2 || d[0] != '{' || d[len(d)-1] != '}' {
		return bad("data", "must be a JSON object")
	}
	if !utf8.Valid(d) {
		return bad("data", "is not valid UTF-8")
	}
	if !json.Valid(d) {
		return bad("data", "is not valid JSON")
	}
	if err := checkCompactObject(d); err != nil {
		return bad("data", "must be compact JSON (no whitespace outside strings): "+err.Error())
	}
	return nil
}

func validDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func shortText(s string) bool { return len(s) <= 512 && cleanText(s) }

func cleanText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return true
}

// CheckSize returns a *TooLargeError if line is longer than limit bytes.
func CheckSize(id uuid.UUID, line []byte, limit int) error {
	if len(line) > limit {
		return &TooLargeError{ID: id, Size: len(line), Limit: limit}
	}
	return nil
}
