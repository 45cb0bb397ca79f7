// Package storetest is the conformance suite of the eventstore.Store
// contract. Every backend's tests call Run with a function that opens a
// fresh, empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(tb testing.TB) eventstore.Store {
//			return MustOpenStore(tb, nil)
//		})
//	}
//
// # What Run checks
//
// Run groups its subtests by operation (Append, ReadStream, ReadAll, Head,
// StreamRevision, Subscribe, Close) and names each by outcome
// ("Append/OK/RoundTrip", "Append/ErrConcurrency/Exact/TooLow"). Every
// subtest gets its own fresh store and runs in parallel with its siblings.
// After each one a cleanup runs CheckInvariants on the store, so any
// subtest that leaves the ledger inconsistent fails even if its own
// assertions passed.
//
// It covers the round trip of every envelope field (Vietnamese text and JSON
// escapes included) through Append, ReadStream, ReadAll, Subscribe and the
// export line; every expected-revision case; racing writers on one stream
// and on many; idempotent retries and id conflicts; atomic batches and
// validation; the size limit; early break out of iterators; context
// cancellation; the catch-up-to-live hand-over of Subscribe under
// concurrent appends; and Close.
//
// # What Run needs from open
//
//   - A fresh, empty store for each call, configured with the default size
//     limit (eventstore.DefaultMaxEventSize) and a clock that gives distinct
//     real times (the suite never compares recordedAt with the wall clock).
//   - open registers the store's Close with tb.Cleanup. The Close subtests
//     also call Close themselves, so Close must be safe to call again; the
//     second call may return nil or ErrClosed.
//
// Every wait in the suite is bounded, so a backend that deadlocks or ignores
// its context fails the test instead of hanging it. The whole suite does a
// few hundred appends, most of them concurrent, so it stays fast on a
// backend that fsyncs every commit.
//
// # Randomness
//
// The tests that use randomness log their seed. Rerun with
// -storetest.seed=N to repeat a failure.
package storetest
