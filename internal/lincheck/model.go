// Package lincheck checks that a history of concurrent operations on an
// eventstore.Store is linearizable, with the porcupine checker. It holds the
// sequential model of a stream (Model), a recorder of operations (Recorder)
// and a concurrent workload that drives a Store in process (RunTest).
//
// The model and the recorder know nothing of how an operation reached the
// store, so a harness that drives tdkt over HTTP, and kills it, records its
// operations the same way: Invoke before sending, Return with what came
// back (Unknown when the outcome is not known, e.g. the server died).
//
// Only tests use this package.
package lincheck

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/anishathalye/porcupine"
	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
)

// Kind is what an operation does.
type Kind uint8

const (
	// Append is Store.Append of Input.IDs with Input.Expected.
	Append Kind = iota + 1
	// Read is Store.ReadStream of the whole stream.
	Read
)

// Input is an operation as invoked.
type Input struct {
	Kind   Kind
	Stream string
	// Expected is an Append's expected revision.
	Expected eventstore.ExpectedRevision
	// IDs are an Append's event ids, in argument order.
	IDs []uuid.UUID
}

// Result is how an operation ended.
type Result uint8

const (
	// OK: the append recorded (or found, Duplicate) its events; the read
	// returned IDs.
	OK Result = iota + 1
	// Concurrency: the append failed with ErrConcurrency.
	Concurrency
	// IDConflict: the append failed with ErrIDConflict.
	IDConflict
	// Unknown: the outcome is not known (a timeout, a dropped connection, a
	// crash). An unknown append may or may not have taken effect; an
	// unknown read says nothing.
	Unknown
	// Malformed: the store answered something no correct store answers
	// (Output.Problem says what). The model accepts no malformed output.
	Malformed
)

// Output is what an operation returned.
type Output struct {
	Result Result
	// First and Last are the revisions of the first and last event of an OK
	// append (its AppendResult); Duplicate is the result's flag.
	First, Last uint64
	Duplicate   bool
	// FirstSeq and LastSeq are the seqs of an OK append's first and last
	// event. The model ignores them; Check uses them.
	FirstSeq, LastSeq uint64
	// Actual is the stream's revision a Concurrency error reported
	// (eventstore.NoRevision: no stream).
	Actual int64
	// IDs are the ids a Read returned, in revision order.
	IDs []uuid.UUID
	// Problem says why the output is Malformed.
	Problem string
}

// state is one stream's model state: the ids of its events in revision
// order. A state is never modified; Step makes a new one.
type state struct{ ids []uuid.UUID }

// Model returns the porcupine model of the Store contract for Append and
// ReadStream, partitioned per stream (streams are independent, and every id
// belongs to one stream). The state of a stream is the list of its event
// ids. An operation steps it as follows (n is the stream's length, so its
// revision is n-1, and none when n is 0):
//
// Append(ids, expected):
//   - no id of ids is in the stream: a fresh append. If expected allows the
//     stream (Any always, NoStream iff n == 0, StreamExists iff n > 0,
//     Exact(r) iff n > 0 and r == n-1), the ids are appended and the output
//     must be OK with First = n, Last = n+len(ids)-1 and Duplicate false.
//     Otherwise the output must be Concurrency with Actual = n-1, and the
//     stream is unchanged.
//   - every id is in the stream, at consecutive revisions p..p+k-1 in
//     argument order: a retry. Whatever expected says, the output must be
//     OK with First = p, Last = p+k-1 and Duplicate true; nothing changes.
//     (Workloads retry only with the original content; a content check is
//     the store's, not the model's.)
//   - otherwise (some ids recorded, or not together in order): the output
//     must be IDConflict; nothing changes.
//
// Read: the output must be OK with IDs equal to the stream's ids.
//
// An Unknown output is accepted in two ways: the append took effect (as a
// fresh append or a retry would above) or it did not; an Unknown read
// changes nothing. A Malformed output is never accepted.
//
// Ids are assumed unique to a stream: a workload never uses one id in two
// streams (the store would answer IDConflict, which this per-stream model
// cannot predict).
func Model() porcupine.Model {
	nm := porcupine.NondeterministicModel{
		Partition: partition,
		Init:      func() []any { return []any{state{}} },
		Step:      step,
		Equal: func(a, b any) bool {
			return slices.Equal(a.(state).ids, b.(state).ids)
		},
		Hash:              hash,
		DescribeOperation: describeOperation,
		DescribeState:     describeState,
	}
	return nm.ToModel()
}

func partition(history []porcupine.Operation) [][]porcupine.Operation {
	byStream := make(map[string][]porcupine.Operation)
	var order []string
	for _, op := range history {
		s := op.Input.(Input).Stream
		if _, ok := byStream[s]; !ok {
			order = append(order, s)
		}
		byStream[s] = append(byStream[s], op)
	}
	out := make([][]porcupine.Operation, 0, len(order))
	for _, s := range order {
		out = append(out, byStream[s])
	}
	return out
}

// step returns the states st may move to by the operation, none if the
// output is impossible from st.
func step(st, in, out any) []any {
	s, i, o := st.(state), in.(Input), out.(Output)
	if o.Result == Malformed {
		return nil
	}
	switch i.Kind {
	case Read:
		if o.Result == Unknown {
			return []any{s}
		}
		if o.Result == OK && slices.Equal(o.IDs, s.ids) {
			return []any{s}
		}
		return nil
	case Append:
		want, next := apply(s, i)
		if o.Result == Unknown {
			if next.ids == nil {
				return []any{s}
			}
			return []any{s, next}
		}
		if !sameOutput(want, o) {
			return nil
		}
		if next.ids != nil {
			return []any{next}
		}
		return []any{s}
	}
	return nil
}

// apply runs an append on s, as the contract says, and returns its output
// and the new state, or a state with nil ids if the stream is unchanged.
func apply(s state, in Input) (Output, state) {
	n := uint64(len(s.ids))
	pos := -1 // revision of in.IDs[0], when found
	found := 0
	for _, id := range in.IDs {
		if p := slices.Index(s.ids, id); p >= 0 {
			if found == 0 {
				pos = p
			}
			found++
		}
	}
	k := uint64(len(in.IDs))
	switch {
	case found == 0:
		if !in.Expected.Allows(n-1, n > 0) {
			return Output{Result: Concurrency, Actual: int64(n) - 1}, state{}
		}
		ids := make([]uuid.UUID, 0, n+k)
		ids = append(append(ids, s.ids...), in.IDs...)
		return Output{Result: OK, First: n, Last: n + k - 1}, state{ids: ids}
	case found == len(in.IDs) && pos >= 0 && uint64(pos)+k <= n && slices.Equal(s.ids[pos:uint64(pos)+k], in.IDs):
		return Output{Result: OK, First: uint64(pos), Last: uint64(pos) + k - 1, Duplicate: true}, state{}
	default:
		return Output{Result: IDConflict}, state{}
	}
}

func sameOutput(want, got Output) bool {
	if want.Result != got.Result {
		return false
	}
	switch want.Result {
	case OK:
		return want.First == got.First && want.Last == got.Last && want.Duplicate == got.Duplicate
	case Concurrency:
		return want.Actual == got.Actual
	}
	return true
}

func hash(st any) uint64 {
	h := fnv.New64a()
	for _, id := range st.(state).ids {
		h.Write(id[:])
	}
	return h.Sum64()
}

// short names an id by its last 6 hex digits: enough to tell a workload's
// ids apart in a picture.
func short(id uuid.UUID) string { return id.String()[30:] }

func shortIDs(ids []uuid.UUID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = short(id)
	}
	return strings.Join(parts, " ")
}

func describeOperation(in, out any) string {
	i, o := in.(Input), out.(Output)
	var call string
	if i.Kind == Read {
		call = "read()"
	} else {
		call = fmt.Sprintf("append(%s, expect %s)", shortIDs(i.IDs), i.Expected)
	}
	switch o.Result {
	case OK:
		if i.Kind == Read {
			return fmt.Sprintf("%s -> %d [%s]", call, len(o.IDs), shortIDs(o.IDs))
		}
		dup := ""
		if o.Duplicate {
			dup = " duplicate"
		}
		return fmt.Sprintf("%s -> rev %d..%d%s", call, o.First, o.Last, dup)
	case Concurrency:
		return fmt.Sprintf("%s -> ErrConcurrency (actual %d)", call, o.Actual)
	case IDConflict:
		return call + " -> ErrIDConflict"
	case Unknown:
		return call + " -> unknown"
	default:
		return fmt.Sprintf("%s -> malformed: %s", call, o.Problem)
	}
}

func describeState(st any) string {
	ids := st.(state).ids
	return fmt.Sprintf("%d events [%s]", len(ids), shortIDs(ids))
}
