// Package projections builds tdkt's read models from the ledger's global
// event feed — standings, the sector's cluster reorganization report
// (báo cáo phương án tổ chức lại cụm, khối thi đua), units with their
// lineage, clusters, the awards register, dossier deadlines, each record's
// audit trail, councils, registrations and covenants, initiatives by scope,
// eligibility per rule and the reconstruction of decisions (awards, cluster
// leaders acclaimed, reorganisation plans) — at any point in history.
//
// # Read models
//
//   - Organization (Units, Clusters, Reorganization), Standings, Awards,
//     Deadlines.
//   - Audit is not a read model: a stream's trail is read from the ledger
//     itself (StreamReader), so it costs no memory and is never behind.
//   - Councils: a council's composition on any valid date (members with
//     role and position, the chair, the standing office), its history of
//     constitution and reconstitutions with decision numbers, members in
//     charge of clusters, ballots.
//   - Registrations: emulation registrations per year and unit or person
//     (targets registered, amended, withdrawn) and covenants per cluster
//     with their signatories.
//   - Initiatives: submitted, applied, evaluated (with the ballot),
//     recognized at grassroots, sector or national scope, revoked; listed
//     by their widest recognition in force.
//   - Eligibility: every fact domain.Evaluate reads (domain.Facts), each
//     with the id of its event, kept as JSON and turned into domain.Facts
//     per question. Eligibilities.Eligibility answers rule by rule with
//     citations, modes and input event ids; Reconstruction replays an
//     AwardDecided to its basedOnSeq ("then", asked on the decision date)
//     and compares with the ledger at asOf ("now", asked on the later of
//     the decision date and the day of the last event), naming the rules
//     whose result differs and the events used now but not then.
//     AcclaimReconstruction does the same for a ClusterLeaderAcclaimed
//     (the cluster's members and standings then and now, R15, R16, R26 and
//     the membership and rank checks) and Reorganization.PlanReconstruction
//     for a ClusterReorganizationPlanDecided (members gone since, units
//     left out or placed twice, R28).
//
// # Runner
//
// A projection is a name, a handler (a Model folding events) and a
// checkpoint (Projection, Runner.Register). The Runner reads the feed (Feed:
// ReadAll, Subscribe, Head — satisfied by eventstore.Store) from the lowest
// checkpoint, decodes each event once with domain.DecodeStored (in a stage
// of its own, for the types some projection folds) and hands it to every
// projection whose checkpoint is that seq. Run follows the feed until
// its context ends; RunToEnd catches up to the head and returns; either
// refuses with ErrAlreadyRunning while the runner runs. Rebuild folds a
// projection again from seq 0 (beside the live model when running) and
// swaps it in. Status and Lag report each projection's checkpoint and
// head - checkpoint.
//
// # Guarantees
//
//   - Read side only: projections read events and write only their own
//     state and checkpoint. Nothing here calls the write side, api or
//     command code.
//   - State and checkpoint are saved together in one StateStore.Save
//     (FileStateStore: temp file, fsync, rename, fsync of the directory), so
//     a restart resumes from the last save and replays only what follows;
//     the handler never sees an event twice for one saved state.
//   - Failure isolation: a projection whose handler fails (or panics) stops
//     with a *ProjectionError naming the seq, the event id and the type; the
//     others keep folding and serving. RunToEnd returns the joined errors;
//     Run reports them through Status and Err.
//   - Unknown event types (domain.UnknownEventError) are fatal for Strict
//     projections and skipped by Skip ones.
//   - A persisted state names the runner's state format and the
//     projection's Version; one saved by another version is not loaded and
//     the projection is folded again from seq 0.
//   - Transaction time and valid time stay apart. Every query takes an AsOf:
//     Latest (the projection's checkpoint), AtSeq(n) (events 0…n) or
//     AtTime(t) (the longest prefix of the ledger recorded at or before t,
//     through a compact seq→recordedAt index kept and persisted by the
//     runner). Answers as of an earlier point fold a fresh model from the
//     feed (cached per projection), except for append-only models (see
//     appendOnly; standings is one), whose live model answers filtered by
//     seq; the latest answer reads the live model in O(1). Valid time is
//     the envelope's effective date: memberships, names and reorganisation
//     dates follow it, whatever the order in which
//     facts were recorded. "2024 as we know it now" is Latest; "what we
//     believed about 2024 on 15/01/2025" is AtTime(15/01/2025).
//
// # Caveats
//
//   - Latest answers are as fresh as the projection's checkpoint; read Lag.
//   - As-of answers older than the checkpoint replay from seq 0, except
//     for append-only models (standings): their cost grows with the ledger
//     (no intermediate snapshots yet).
//   - A cluster membership of a unit that is merged, split or dissolved
//     ends on that date; roots (units with no parent) are never flagged as
//     being in no cluster.
//   - Eligibility facts: a unit's members in a year are the people whose
//     unit on 31/12 (recruitment, then transfers; through mergers) is the
//     unit; a merger's titleSuccessionPolicy counts as "inherits" unless it
//     says no ("không"); clusters are sector-organised unless their
//     organising unit or council's owner is below the Supreme Procuracy;
//     no event yet records a unit leading a movement (MovementLeads) or the
//     start of continuous service (ServiceStarts: R20 falls back to the
//     recruitment). A question about a year is asked on the later of 31/12
//     of that year and the day the last event in the ledger (at asOf) was
//     recorded, in Vietnam.
//   - Reconstruction reads basedOnSeq as the last seq the deciding body
//     saw (domain.AwardDecided's doc) and folds events 0…basedOnSeq, but
//     never the decision itself: a writer recording the head count (the
//     api) then sees the same events unless another was appended between
//     its read and its decision.
//   - Standings list units with at least one score; the stage used is the
//     latest non-superseded score of the final stage present (standing
//     office, then cluster, then self).
package projections
