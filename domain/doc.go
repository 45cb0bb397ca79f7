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
//   - Events are values. Every event type has a wire-name constant
//     (EventCouncilReconstituted = "CouncilReconstituted"), a schema
//     version and a stream ("<aggregate>-<id>"; the list is on Event).
//     The codec (Encode, Decode, EventTypes) maps wire names to types with
//     an explicit switch, never by reflection on Go names. Encode refuses
//     an event that fails Validate and writes compact canonical JSON;
//     Decode is strict (unknown or misspelt fields, duplicate keys and
//     trailing data are errors), upcasts old schema versions, and never
//     panics. Stored events are never rewritten: testdata/events holds one
//     fixture per wire name and version, and the tests fail if any no
//     longer decodes to the same bytes.
//   - Closed sets are struct enums (vocab.go) with stable ASCII wire codes
//     and Vietnamese labels; nobody outside this package can make a value
//     that is not in the set.
//   - Text: names in events are NFC with single spaces (NormalizeName), so
//     equal names are equal strings; document numbers are kept as written
//     (ParseDocNumber); CompareNames sorts in Vietnamese order.
//   - Dates are civil dates (Date, "YYYY-MM-DD"), with no time zone.
//
// # Not yet here
//
// The commands and their deciders — Decide(state, cmd, now) ([]Event,
// error) and Evolve(state, event) state — arrive with the rest of the
// domain issue (issue 3).
package domain
