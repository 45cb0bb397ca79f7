package demo

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tdkt/tdkt/domain"
)

// Step is one command of the demo script with what the ledger's envelope
// needs besides the command: the business date, who records it and the
// legal act behind it.
type Step struct {
	// Command is the command to decide. Its JSON (Body) decodes back to it
	// with domain.DecodeCommand(CommandName(), Body()).
	Command domain.Command
	// Date is the date the step takes effect: the envelope's effective date
	// and the now passed to domain.Decide.
	Date domain.Date
	// Actor is who records the step.
	Actor Actor
	// Basis is the official act behind the step, or nil where there is none
	// (a unit already in existence when the demo ledger opens, a score, a
	// covenant signed at a meeting).
	Basis *Basis
	// Note says in Vietnamese what the step records, for people reading the
	// script or a narrated replay.
	Note string
	// Expect is nil for a step that must succeed. A non-nil Expect marks an
	// intended failure: the step shows a rule refusing a command, must fail
	// as described and writes nothing.
	Expect *Expected
}

// CommandName returns the command's stable name, as in
// POST /api/v1/commands/{Name}.
func (s Step) CommandName() string { return s.Command.CommandName() }

// Body returns the command's JSON body.
func (s Step) Body() ([]byte, error) { return json.Marshal(s.Command) }

// Intended reports whether the step is an intended failure.
func (s Step) Intended() bool { return s.Expect != nil }

// Actor is who records a step: the envelope's actor. Role is one of the
// api roles ("admin" for the sector council's standing office, "council",
// "cluster", "unit"); Unit is the id of the unit the actor acts for (for a
// cluster actor, the cluster's id). Name is the person, always fictitious
// and marked "(hư cấu)".
type Actor struct {
	Subject string
	Name    string
	Role    string
	Unit    string
}

// Basis is the legal basis of a step: the document number as the sector
// writes it, its date and its issuer. Illustrative is true when the number
// or date is made up for the demo; false when the act is the one DOMAIN.md
// or the source guidance names (e.g. 09/HD-VKSTC of 01/3/2024, 317/VKS-VP
// of 11/3/2024, QĐ 19/QĐ-VKSTC of 22/7/2025, CV 750/VP of 10/9/2025).
type Basis struct {
	Number       domain.DocNumber
	Date         domain.Date
	Issuer       string
	Illustrative bool
}

// Expected describes how an intended failure must fail: with an error
// carrying Rule (when set) and Code (when set), e.g. Rule "R36", Code
// domain.EINVALID. Why says in Vietnamese what the step demonstrates.
type Expected struct {
	Rule string
	Code string
	Why  string
}

// Match reports nil if err is a failure as e describes, or why not.
func (e Expected) Match(err error) error {
	if err == nil {
		return errors.New("lệnh được chấp nhận, nhưng phải bị từ chối")
	}
	var rule, code bool
	walk(err, func(de *domain.Error) {
		rule = rule || de.Rule == e.Rule
		code = code || de.Code == e.Code
	})
	if e.Rule == "" {
		rule = true
	}
	if e.Code == "" {
		code = true
	}
	if !rule || !code {
		return fmt.Errorf("lỗi không như dự kiến (quy tắc %q, mã %q): %w", e.Rule, e.Code, err)
	}
	return nil
}

// walk yields every *domain.Error in err's tree, through errors.Join.
func walk(err error, f func(*domain.Error)) {
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			walk(e, f)
		}
		return
	}
	var de *domain.Error
	if errors.As(err, &de) {
		f(de)
	}
}
