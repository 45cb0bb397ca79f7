// Package domain is the core of tdkt: the rules of emulation and
// commendation work (thi đua, khen thưởng — TĐKT) in the People's Procuracy
// sector, as values and pure functions.
//
// # Guarantees
//
//   - Pure: nothing here reads a clock, a disk or the network, or makes an
//     id. Time and ids come in as arguments, so a decision replayed from
//     history comes out the same every time.
//   - Imports: the standard library, github.com/google/uuid and
//     golang.org/x/text only. Storage (eventstore), HTTP (api) and read
//     models (projections) depend on domain, never the other way round.
//   - Errors: the vocabulary every layer speaks is Error with a code
//     (EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN, EINTERNAL),
//     a message meant for a person, and, for a failed rule, the rule's id and
//     its legal citation. The api package maps codes to HTTP statuses.
//
// # Not yet here
//
// The TĐKT event catalog (wire names, schemas, upcasters), the commands and
// their deciders — Decide(state, cmd, now) ([]Event, error) and
// Evolve(state, event) state — with each rule check and its citation arrive
// with the domain issue (issue 3). Until then this package holds only the
// error vocabulary.
package domain
