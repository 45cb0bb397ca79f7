package kurrenttest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/EventStore/EventStore-Client-Go/v4/protos/shared"
	api "github.com/EventStore/EventStore-Client-Go/v4/protos/streams"
	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// DefaultMaxAppendSize is the server's default maximum append size, in
// bytes: the sum of data, metadata and twice the event type over a batch.
const DefaultMaxAppendSize = 1 << 20

// firstPosition is the $all position of the first record: a real log
// starts past its chunk header and the server's own first records.
const firstPosition = 1 << 10

// Op is an operation faults can be injected into.
type Op int

const (
	// OpAppend is Streams.Append (AppendToStream, SetStreamMetadata).
	OpAppend Op = iota
	// OpRead is a plain Streams.Read (ReadStream, ReadAll,
	// GetStreamMetadata).
	OpRead
	// OpSubscribe is a subscribing Streams.Read (SubscribeToStream,
	// SubscribeToAll), failing before the confirmation.
	OpSubscribe
)

// Failure is a fault the server answers with.
type Failure int

const (
	// Unavailable answers gRPC Unavailable, as a node that is not ready or
	// too busy does. The client rediscovers on its next call.
	Unavailable Failure = iota
	// NotLeader answers NotFound with the trailers exception=not-leader and
	// leader-endpoint-host/-port naming this server.
	NotLeader
	// WrongExpectedVersion answers an Append with a wrong expected version
	// payload, whatever the stream's state (OpAppend only).
	WrongExpectedVersion
	// AppendTooLarge answers an Append with InvalidArgument and
	// exception=maximum-append-size-exceeded (OpAppend only).
	AppendTooLarge
)

// Server is the protocol test double. Create it with Start.
type Server struct {
	api.UnimplementedStreamsServer

	lis  net.Listener
	grpc *grpc.Server

	mu            sync.Mutex
	log           []*record
	byStream      map[string][]*record
	idCache       map[uuid.UUID]*record
	nextPos       uint64
	changed       chan struct{}
	faults        []*fault
	drop          chan struct{}
	maxAppendSize int
	subCount      int
}

type record struct {
	id          uuid.UUID
	stream      string
	rev         uint64
	pos         uint64
	typ         string
	contentType string
	created     int64
	data, meta  []byte
}

type fault struct {
	op    Op
	f     Failure
	times int
}

// Start starts a server on 127.0.0.1 on a free port and stops it when the
// test ends. The client has no dialer hook, so it must be real TCP.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := Listen("127.0.0.1:0")
	if err != nil {
		tb.Fatalf("kurrenttest: %v", err)
	}
	tb.Cleanup(s.Stop)
	return s
}

// Listen starts a server on addr (host:port; port 0 picks a free one). Stop
// it with Stop.
func Listen(addr string) (*Server, error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	s := &Server{
		lis:           lis,
		grpc:          grpc.NewServer(),
		byStream:      make(map[string][]*record),
		idCache:       make(map[uuid.UUID]*record),
		nextPos:       firstPosition,
		changed:       make(chan struct{}),
		drop:          make(chan struct{}),
		maxAppendSize: DefaultMaxAppendSize,
	}
	api.RegisterStreamsServer(s.grpc, s)
	go func() { _ = s.grpc.Serve(lis) }()
	return s, nil
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.lis.Addr().String() }

// URL returns a connection string for the server: esdb://host:port with
// tls=false (the double serves plain gRPC).
func (s *Server) URL() string { return "esdb://" + s.Addr() + "?tls=false" }

// Stop stops the server, ending every call. It is safe to call twice.
func (s *Server) Stop() { s.grpc.Stop() }

// SetMaxAppendSize sets the maximum append size in bytes (default
// DefaultMaxAppendSize).
func (s *Server) SetMaxAppendSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxAppendSize = n
}

// Fail makes the next times calls of op fail with f. Faults queue up in
// the order they are given.
func (s *Server) Fail(op Op, f Failure, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{op: op, f: f, times: times})
}

// ClearFaults drops every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// DropSubscriptions ends every running subscription with Unavailable and
// returns how many there were.
func (s *Server) DropSubscriptions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.drop)
	s.drop = make(chan struct{})
	return s.subCount
}

// ForgetIDs empties the cache of committed event ids that appends expecting
// Any or StreamExists consult, as eviction or a server restart does: a
// retry of such an append is then written again.
func (s *Server) ForgetIDs() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.idCache)
}

// Len returns the number of records in $all, system records included.
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

// takeFault returns the next queued fault for op, if any. s.mu must be held.
func (s *Server) takeFault(op Op) (Failure, bool) {
	for i, f := range s.faults {
		if f.op != op {
			continue
		}
		f.times--
		if f.times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f.f, true
	}
	return 0, false
}

// failureError turns an injected fault into the status and trailers a real
// server sends.
func (s *Server) failureError(ctx context.Context, f Failure) error {
	switch f {
	case NotLeader:
		host, port, _ := net.SplitHostPort(s.Addr())
		_ = grpc.SetTrailer(ctx, metadata.Pairs("exception", "not-leader",
			"leader-endpoint-host", host, "leader-endpoint-port", port))
		return status.Error(codes.NotFound, "leader info available")
	case AppendTooLarge:
		_ = grpc.SetTrailer(ctx, metadata.Pairs("exception", "maximum-append-size-exceeded",
			"maximum-append-size", strconv.Itoa(s.maxAppendSize)))
		return status.Error(codes.InvalidArgument, "maximum append size exceeded")
	default:
		return status.Error(codes.Unavailable, "server is not ready (injected)")
	}
}

// Append implements Streams.Append.
func (s *Server) Append(in api.Streams_AppendServer) error {
	first, err := in.Recv()
	if err != nil {
		return err
	}
	opts := first.GetOptions()
	if opts == nil {
		return status.Error(codes.InvalidArgument, "the first message must be the options")
	}
	stream := string(opts.GetStreamIdentifier().GetStreamName())
	var proposed []*record
	size := 0
	for {
		m, err := in.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		p := m.GetProposedMessage()
		if p == nil {
			return status.Error(codes.InvalidArgument, "expected a proposed message")
		}
		typ, ct := p.GetMetadata()["type"], p.GetMetadata()["content-type"]
		if typ == "" || ct == "" {
			return status.Error(codes.InvalidArgument, "type and content-type metadata are required")
		}
		st := p.GetId().GetStructured()
		if st == nil {
			return status.Error(codes.InvalidArgument, "expected a structured event id")
		}
		id, err := esdb.ParseUUIDFromInt64(st.MostSignificantBits, st.LeastSignificantBits)
		if err != nil {
			return status.Error(codes.InvalidArgument, "bad event id")
		}
		size += len(p.GetData()) + len(p.GetCustomMetadata()) + 2*len(typ)
		proposed = append(proposed, &record{id: id, stream: stream, typ: typ, contentType: ct,
			data: p.GetData(), meta: p.GetCustomMetadata()})
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.takeFault(OpAppend); ok {
		if f == WrongExpectedVersion {
			return in.SendAndClose(s.wrongExpected(stream, opts))
		}
		return s.failureError(in.Context(), f)
	}
	if size > s.maxAppendSize {
		return s.failureError(in.Context(), AppendTooLarge)
	}
	recs := s.byStream[stream]
	cur := int64(len(recs)) - 1
	switch e := opts.GetExpectedStreamRevision().(type) {
	case *api.AppendReq_Options_Revision:
		if int64(e.Revision) != cur {
			return s.idempotentOrWrong(in, stream, opts, int64(e.Revision), proposed)
		}
	case *api.AppendReq_Options_NoStream:
		if cur != -1 {
			return s.idempotentOrWrong(in, stream, opts, -1, proposed)
		}
	case *api.AppendReq_Options_StreamExists:
		if cur == -1 {
			return in.SendAndClose(s.wrongExpected(stream, opts))
		}
		if res, ok := s.cachedRetry(stream, proposed); ok {
			return in.SendAndClose(res)
		}
	default: // Any
		if res, ok := s.cachedRetry(stream, proposed); ok {
			return in.SendAndClose(res)
		}
	}
	if len(proposed) == 0 {
		return in.SendAndClose(s.success(stream, cur, 0))
	}
	created := time.Now().UnixNano() / 100
	for _, r := range proposed {
		cur++
		r.rev = uint64(cur)
		r.pos = s.nextPos
		r.created = created
		s.nextPos += uint64(64 + len(r.stream) + len(r.typ) + len(r.data) + len(r.meta))
		s.log = append(s.log, r)
		s.idCache[r.id] = r
	}
	s.byStream[stream] = append(recs, proposed...)
	close(s.changed)
	s.changed = make(chan struct{})
	return in.SendAndClose(s.success(stream, cur, proposed[len(proposed)-1].pos))
}

// idempotentOrWrong applies the server's rule for an explicit expected
// revision that is not the current one: if the events after it carry the
// proposed ids in order, the append succeeds without writing; otherwise it
// is a wrong expected version. s.mu must be held.
func (s *Server) idempotentOrWrong(in api.Streams_AppendServer, stream string, opts *api.AppendReq_Options, expected int64, proposed []*record) error {
	recs := s.byStream[stream]
	start := expected + 1
	if len(proposed) > 0 && start >= 0 && start+int64(len(proposed)) <= int64(len(recs)) {
		match := true
		for i, p := range proposed {
			if recs[start+int64(i)].id != p.id {
				match = false
				break
			}
		}
		if match {
			last := recs[start+int64(len(proposed))-1]
			return in.SendAndClose(s.success(stream, int64(last.rev), last.pos))
		}
	}
	return in.SendAndClose(s.wrongExpected(stream, opts))
}

// cachedRetry answers an Any or StreamExists append whose first id is in
// the committed-id cache and whose ids follow each other in stream. s.mu
// must be held.
func (s *Server) cachedRetry(stream string, proposed []*record) (*api.AppendResp, bool) {
	if len(proposed) == 0 {
		return nil, false
	}
	r, ok := s.idCache[proposed[0].id]
	if !ok || r.stream != stream {
		return nil, false
	}
	recs := s.byStream[stream]
	for i, p := range proposed {
		j := r.rev + uint64(i)
		if j >= uint64(len(recs)) || recs[j].id != p.id {
			return nil, false
		}
	}
	last := recs[r.rev+uint64(len(proposed))-1]
	return s.success(stream, int64(last.rev), last.pos), true
}

func (s *Server) success(stream string, cur int64, pos uint64) *api.AppendResp {
	res := &api.AppendResp_Success{}
	if cur < 0 {
		res.CurrentRevisionOption = &api.AppendResp_Success_NoStream{NoStream: &shared.Empty{}}
	} else {
		res.CurrentRevisionOption = &api.AppendResp_Success_CurrentRevision{CurrentRevision: uint64(cur)}
	}
	if pos == 0 {
		res.PositionOption = &api.AppendResp_Success_NoPosition{NoPosition: &shared.Empty{}}
	} else {
		res.PositionOption = &api.AppendResp_Success_Position{Position: &api.AppendResp_Position{CommitPosition: pos, PreparePosition: pos}}
	}
	return &api.AppendResp{Result: &api.AppendResp_Success_{Success: res}}
}

func (s *Server) wrongExpected(stream string, opts *api.AppendReq_Options) *api.AppendResp {
	w := &api.AppendResp_WrongExpectedVersion{}
	if n := len(s.byStream[stream]); n == 0 {
		w.CurrentRevisionOption = &api.AppendResp_WrongExpectedVersion_CurrentNoStream{CurrentNoStream: &shared.Empty{}}
	} else {
		w.CurrentRevisionOption = &api.AppendResp_WrongExpectedVersion_CurrentRevision{CurrentRevision: uint64(n - 1)}
	}
	switch e := opts.GetExpectedStreamRevision().(type) {
	case *api.AppendReq_Options_Revision:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedRevision{ExpectedRevision: e.Revision}
	case *api.AppendReq_Options_NoStream:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedNoStream{ExpectedNoStream: &shared.Empty{}}
	case *api.AppendReq_Options_StreamExists:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedStreamExists{ExpectedStreamExists: &shared.Empty{}}
	default:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedAny{ExpectedAny: &shared.Empty{}}
	}
	return &api.AppendResp{Result: &api.AppendResp_WrongExpectedVersion_{WrongExpectedVersion: w}}
}

// Read implements Streams.Read: plain reads and subscriptions.
func (s *Server) Read(req *api.ReadReq, out api.Streams_ReadServer) error {
	opts := req.GetOptions()
	if opts == nil {
		return status.Error(codes.InvalidArgument, "options are required")
	}
	_, subscribe := opts.GetCountOption().(*api.ReadReq_Options_Subscription)
	op := OpRead
	if subscribe {
		op = OpSubscribe
	}
	s.mu.Lock()
	f, failed := s.takeFault(op)
	s.mu.Unlock()
	if failed {
		return s.failureError(out.Context(), f)
	}
	flt, err := newFilter(opts)
	if err != nil {
		return status.Error(codes.InvalidArgument, err.Error())
	}
	if subscribe {
		return s.subscribe(opts, flt, out)
	}
	count := opts.GetCount()
	backwards := opts.GetReadDirection() == api.ReadReq_Options_Backwards
	var recs []*record
	s.mu.Lock()
	switch so := opts.GetStreamOption().(type) {
	case *api.ReadReq_Options_Stream:
		name := string(so.Stream.GetStreamIdentifier().GetStreamName())
		all, ok := s.byStream[name]
		if !ok {
			s.mu.Unlock()
			return out.Send(&api.ReadResp{Content: &api.ReadResp_StreamNotFound_{StreamNotFound: &api.ReadResp_StreamNotFound{
				StreamIdentifier: &shared.StreamIdentifier{StreamName: []byte(name)}}}})
		}
		recs = streamSlice(all, so.Stream, backwards, count)
	case *api.ReadReq_Options_All:
		recs = allSlice(s.log, so.All, backwards, count)
	default:
		s.mu.Unlock()
		return status.Error(codes.InvalidArgument, "a stream or $all is required")
	}
	s.mu.Unlock()
	for _, r := range recs {
		if err := out.Context().Err(); err != nil {
			return status.FromContextError(err).Err()
		}
		if err := out.Send(readEvent(r)); err != nil {
			return err
		}
	}
	return nil
}

// streamSlice returns up to count records of a stream from the requested
// revision, inclusive in both directions, in reading order. The records
// are immutable, so the slice can be used without the lock.
func streamSlice(all []*record, so *api.ReadReq_Options_StreamOptions, backwards bool, count uint64) []*record {
	n := uint64(len(all))
	var out []*record
	if backwards {
		from := n // exclusive upper bound
		switch r := so.GetRevisionOption().(type) {
		case *api.ReadReq_Options_StreamOptions_Revision:
			from = min(r.Revision+1, n)
		case *api.ReadReq_Options_StreamOptions_Start:
			from = min(1, n)
		}
		for i := from; i > 0 && uint64(len(out)) < count; i-- {
			out = append(out, all[i-1])
		}
		return out
	}
	from := uint64(0)
	switch r := so.GetRevisionOption().(type) {
	case *api.ReadReq_Options_StreamOptions_Revision:
		from = r.Revision
	case *api.ReadReq_Options_StreamOptions_End:
		from = n
	}
	for i := from; i < n && uint64(len(out)) < count; i++ {
		out = append(out, all[i])
	}
	return out
}

// allSlice returns up to count records of $all: forwards from a position
// inclusive, backwards from a position exclusive.
func allSlice(log []*record, ao *api.ReadReq_Options_AllOptions, backwards bool, count uint64) []*record {
	var out []*record
	if backwards {
		from := len(log)
		switch p := ao.GetAllOption().(type) {
		case *api.ReadReq_Options_AllOptions_Position:
			from = sort.Search(len(log), func(i int) bool { return log[i].pos >= p.Position.GetCommitPosition() })
		case *api.ReadReq_Options_AllOptions_Start:
			from = 0
		}
		for i := from; i > 0 && uint64(len(out)) < count; i-- {
			out = append(out, log[i-1])
		}
		return out
	}
	from := 0
	switch p := ao.GetAllOption().(type) {
	case *api.ReadReq_Options_AllOptions_Position:
		from = sort.Search(len(log), func(i int) bool { return log[i].pos >= p.Position.GetCommitPosition() })
	case *api.ReadReq_Options_AllOptions_End:
		from = len(log)
	}
	for i := from; i < len(log) && uint64(len(out)) < count; i++ {
		out = append(out, log[i])
	}
	return out
}

func readEvent(r *record) *api.ReadResp {
	most, least := esdb.UUIDAsInt64(r.id)
	return &api.ReadResp{Content: &api.ReadResp_Event{Event: &api.ReadResp_ReadEvent{
		Event: &api.ReadResp_ReadEvent_RecordedEvent{
			Id: &shared.UUID{Value: &shared.UUID_Structured_{Structured: &shared.UUID_Structured{
				MostSignificantBits: most, LeastSignificantBits: least}}},
			StreamIdentifier: &shared.StreamIdentifier{StreamName: []byte(r.stream)},
			StreamRevision:   r.rev,
			PreparePosition:  r.pos,
			CommitPosition:   r.pos,
			Metadata: map[string]string{
				"type":         r.typ,
				"content-type": r.contentType,
				"created":      strconv.FormatInt(r.created, 10),
			},
			CustomMetadata: r.meta,
			Data:           r.data,
		},
		Position: &api.ReadResp_ReadEvent_CommitPosition{CommitPosition: r.pos},
	}}}
}

// filter is a subscription filter on stream names or event types.
type filter struct {
	byType   bool
	re       *regexp.Regexp
	prefixes []string
	window   int
}

func newFilter(opts *api.ReadReq_Options) (*filter, error) {
	fo, ok := opts.GetFilterOption().(*api.ReadReq_Options_Filter)
	if !ok || fo.Filter == nil {
		return nil, nil
	}
	f := &filter{window: 32}
	var expr *api.ReadReq_Options_FilterOptions_Expression
	switch x := fo.Filter.GetFilter().(type) {
	case *api.ReadReq_Options_FilterOptions_StreamIdentifier:
		expr = x.StreamIdentifier
	case *api.ReadReq_Options_FilterOptions_EventType:
		f.byType, expr = true, x.EventType
	default:
		return nil, errors.New("filter needs a stream identifier or event type expression")
	}
	if expr.GetRegex() != "" {
		re, err := regexp.Compile(expr.GetRegex())
		if err != nil {
			return nil, fmt.Errorf("filter regex: %w", err)
		}
		f.re = re
	}
	f.prefixes = expr.GetPrefix()
	if m, ok := fo.Filter.GetWindow().(*api.ReadReq_Options_FilterOptions_Max); ok && m.Max > 0 {
		f.window = int(m.Max)
	}
	if mult := fo.Filter.GetCheckpointIntervalMultiplier(); mult > 0 {
		f.window *= int(mult)
	}
	return f, nil
}

func (f *filter) match(r *record) bool {
	if f == nil {
		return true
	}
	subject := r.stream
	if f.byType {
		subject = r.typ
	}
	if f.re != nil {
		return f.re.MatchString(subject)
	}
	for _, p := range f.prefixes {
		if strings.HasPrefix(subject, p) {
			return true
		}
	}
	return len(f.prefixes) == 0
}

// subscribe serves a catch-up subscription: Confirmation, the events after
// the start, CaughtUp, then live events until the call ends or
// DropSubscriptions.
func (s *Server) subscribe(opts *api.ReadReq_Options, flt *filter, out api.Streams_ReadServer) error {
	ctx := out.Context()
	s.mu.Lock()
	s.subCount++
	drop := s.drop
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.subCount--
		s.mu.Unlock()
	}()
	if err := out.Send(&api.ReadResp{Content: &api.ReadResp_Confirmation{Confirmation: &api.ReadResp_SubscriptionConfirmation{
		SubscriptionId: uuid.NewString()}}}); err != nil {
		return err
	}
	// next returns the records after the cursor and moves it.
	var next func() ([]*record, chan struct{})
	switch so := opts.GetStreamOption().(type) {
	case *api.ReadReq_Options_Stream:
		name := string(so.Stream.GetStreamIdentifier().GetStreamName())
		s.mu.Lock()
		from := uint64(0)
		switch r := so.Stream.GetRevisionOption().(type) {
		case *api.ReadReq_Options_StreamOptions_Revision:
			from = r.Revision + 1 // exclusive
		case *api.ReadReq_Options_StreamOptions_End:
			from = uint64(len(s.byStream[name]))
		}
		s.mu.Unlock()
		next = func() ([]*record, chan struct{}) {
			s.mu.Lock()
			defer s.mu.Unlock()
			all := s.byStream[name]
			var recs []*record
			if from < uint64(len(all)) {
				recs = all[from:]
				from = uint64(len(all))
			}
			return recs, s.changed
		}
	case *api.ReadReq_Options_All:
		s.mu.Lock()
		from := 0
		switch p := so.All.GetAllOption().(type) {
		case *api.ReadReq_Options_AllOptions_Position:
			c := p.Position.GetCommitPosition()
			from = sort.Search(len(s.log), func(i int) bool { return s.log[i].pos > c }) // exclusive
		case *api.ReadReq_Options_AllOptions_End:
			from = len(s.log)
		}
		s.mu.Unlock()
		next = func() ([]*record, chan struct{}) {
			s.mu.Lock()
			defer s.mu.Unlock()
			var recs []*record
			if from < len(s.log) {
				recs = s.log[from:]
				from = len(s.log)
			}
			return recs, s.changed
		}
	default:
		return status.Error(codes.InvalidArgument, "a stream or $all is required")
	}
	caughtUp := false
	considered := 0
	for {
		recs, changed := next()
		for _, r := range recs {
			if err := ctx.Err(); err != nil {
				return status.FromContextError(err).Err()
			}
			considered++
			if flt.match(r) {
				if err := out.Send(readEvent(r)); err != nil {
					return err
				}
			}
			if flt != nil && considered%flt.window == 0 {
				if err := out.Send(checkpoint(r.pos)); err != nil {
					return err
				}
			}
		}
		if !caughtUp {
			caughtUp = true
			if err := out.Send(&api.ReadResp{Content: &api.ReadResp_CaughtUp_{CaughtUp: &api.ReadResp_CaughtUp{}}}); err != nil {
				return err
			}
			if flt != nil && len(recs) > 0 {
				if err := out.Send(checkpoint(recs[len(recs)-1].pos)); err != nil {
					return err
				}
			}
		}
		select {
		case <-drop: // a drop wins over pending events, as a closed connection does
			return status.Error(codes.Unavailable, "subscription dropped (injected)")
		default:
		}
		select {
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		case <-drop:
			return status.Error(codes.Unavailable, "subscription dropped (injected)")
		case <-changed:
		}
	}
}

func checkpoint(pos uint64) *api.ReadResp {
	return &api.ReadResp{Content: &api.ReadResp_Checkpoint_{Checkpoint: &api.ReadResp_Checkpoint{
		CommitPosition: pos, PreparePosition: pos}}}
}
