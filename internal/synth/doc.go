// Package synth generates a synthetic but realistic emulation and
// commendation (thi đua, khen thưởng) sector for benchmarks: units,
// people, councils, clusters and blocks, and ten years of the events a real
// sector records — council reconstitutions, cluster formations and
// memberships, scoring schemes and scores by criteria, registrations,
// performance ratings, proposals with their dossiers and ballots, award
// decisions, initiatives, leave and transfers.
//
// # Guarantees
//
//   - Deterministic: the same Options (seed included) give the same events,
//     byte for byte, ids included. Nothing reads a clock or the process's
//     random source.
//   - Real domain events: every body is a domain event encoded with
//     domain.Encode (so it passes the domain's validation) on the stream its
//     StreamID names, wrapped in an eventstore.Event with Effective, Actor,
//     Basis and Correlation set as the API would set them.
//   - Plausible order: appends come year by year in the order the work is
//     done (councils and clusters in January, registrations in the first
//     quarter, leave and initiatives through the year, scores, ratings,
//     proposals, decisions and rankings at the year's end), with each
//     Append's expected revision, so they can be replayed into an empty store
//     with optimistic concurrency checks.
//
// # Caveats
//
//   - The people and units are invented (names are drawn from common
//     Vietnamese names and the sector's real unit kinds); figures such as how
//     many people are rated HTXS are plausible, not statistics.
//   - BasedOnSeq in decisions assumes the appends go, in order, into an empty
//     ledger.
//   - The generator does not run deciders: it writes what deciders would have
//     written, without reading state back.
package synth
