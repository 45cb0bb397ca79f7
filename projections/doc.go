// Package projections builds tdkt's read models from the ledger's global
// event feed: current standings, the sector's cluster reorganization report,
// councils, clusters, registrations, the awards register, eligibility and
// each record's audit trail — at any point in history (asOf a seq or a
// time).
//
// # Guarantees (to be kept by what arrives here)
//
//   - Read side only: a projection reads events (eventstore's ReadAll and
//     Subscribe) and writes only its own read model and checkpoint. It never
//     calls the write side, the api package or command code.
//   - Idempotent replays: a projection's checkpoint is saved in the same
//     transaction as its read-model write; a rebuild drops the read model
//     and replays from seq 0.
//   - Strict decoding: an unknown event wire name is an error; each
//     projection decides whether that is fatal.
//
// # Not yet here
//
// Nothing is implemented yet: the read models and their runner (Run,
// RunToEnd, checkpoints, rebuild, as-of) arrive with the projections issue
// (issue 5), after the event catalog in domain (issue 3).
package projections
