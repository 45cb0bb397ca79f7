package api

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/mux"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// Store is what the api reads from the ledger. eventstore.Store satisfies
// it; so does any fake with the same method.
type Store interface {
	// Head returns the number of events in the ledger. It returns an error
	// when the store cannot answer (closed, failed, context ended).
	Head(ctx context.Context) (uint64, error)
}

// EventStore is what the command route and the live feed need of the
// ledger: eventstore.Store without Close. Every method's error contract is
// eventstore.Store's.
type EventStore interface {
	Store
	// Append appends events to stream if expected holds (see
	// eventstore.Store.Append: a retry with the same ids and content
	// returns the original result).
	Append(ctx context.Context, stream string, expected eventstore.ExpectedRevision, events ...eventstore.Event) (eventstore.AppendResult, error)
	// ReadStream yields stream's events from revision from.
	ReadStream(ctx context.Context, stream string, from uint64) iter.Seq2[eventstore.RecordedEvent, error]
	// ReadAll yields the ledger's events from seq from, up to the head.
	ReadAll(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error]
	// Subscribe yields the ledger's events from seq from, then new ones as
	// they are appended, until ctx ends.
	Subscribe(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error]
}

// Default timeouts. They bound what a slow or malicious client can hold.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 60 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultShutdownTimeout   = 10 * time.Second
	// DefaultReadyTimeout bounds the store check behind /readyz.
	DefaultReadyTimeout = 2 * time.Second
)

// ErrNoStore: Open was called without a Store.
var ErrNoStore = errors.New("api: server has no store")

// Server is tdkt's HTTP server. Set the exported fields after NewServer and
// before Open; they must not change afterwards.
type Server struct {
	ln      net.Listener
	server  *http.Server
	router  *mux.Router
	handler http.Handler // router wrapped in the middleware

	// unready holds the reason the server reports itself not ready, or nil.
	unready atomic.Pointer[string]

	closeOnce sync.Once
	closeErr  error
	served    chan struct{} // closed when Serve returns
	serveErr  error         // why Serve returned, if not by Close; read after served

	// Addr is the TCP address to listen on, e.g. "127.0.0.1:8080"; port 0
	// picks a free port (see ListenAddr).
	Addr string

	// Store is the ledger the server reads. Required.
	Store Store

	// Ledger serves the ledger routes (export lines, proofs, receipts).
	// Nil means Store, if it implements Ledger; otherwise those routes
	// answer 503.
	Ledger Ledger

	// Checkpoints signs and keeps checkpoints for the checkpoint and
	// receipt routes; nil means the ledger has no signing key and those
	// routes answer 503.
	Checkpoints Checkpoints

	// ReadyDetails are facts about the backend that /readyz reports
	// alongside the head (e.g. the KurrentDB ACL hardening report).
	ReadyDetails map[string]string

	// VerifierKey is the C2SP verifier key of the checkpoints, served at
	// /api/v1/ledger/key; "" when there is no signing key.
	VerifierKey string

	// Logger receives request logs and server errors; nil discards them.
	Logger *slog.Logger

	// ShutdownTimeout is how long Close waits for requests in flight before
	// cutting connections; 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration

	// ReadyTimeout bounds the store check behind /readyz; 0 means
	// DefaultReadyTimeout.
	ReadyTimeout time.Duration

	// Events is the ledger the command route writes and the live feed
	// follows. Nil means Store, if it implements EventStore; otherwise
	// those routes answer 503.
	Events EventStore

	// Tokens are the accepted bearer tokens; nil accepts none, so every
	// route but the public ones answers 401.
	Tokens *Tokens

	// PublicStandings lets anonymous callers read the standings and the
	// reorganization report (the query routes that carry no personal
	// data).
	PublicStandings bool

	// PublicLedger lets anonymous callers read the ledger routes (export
	// lines, checkpoints, proofs, receipts). Export lines carry personal
	// data (discipline, leave), so it is off unless a deployment decides
	// the ledger is public.
	PublicLedger bool

	// Now is the clock commands are decided against (the business date is
	// its date in Vietnam, UTC+7); nil means time.Now. The domain never
	// reads a clock.
	Now func() time.Time

	// NewID returns ids for events and correlations; nil means UUIDv7.
	NewID func() (uuid.UUID, error)

	// Policy holds the thresholds the domain rules read; nil means
	// domain.DefaultPolicy().
	Policy *domain.Policy

	// ClusterStreams returns the streams of every cluster formed for year,
	// which deciders of domain.ClustersOfYear commands need. Nil means the
	// server scans the ledger for ClusterFormed events (fine for a small
	// ledger; the cluster projection should set it).
	ClusterStreams func(ctx context.Context, year int) ([]string, error)

	// ProjectionLag, if set, reports how many events each projection is
	// behind the head; /metrics exports it as tdkt_projection_lag_events.
	ProjectionLag func() map[string]uint64

	// Queries are the read models the query routes and the pages answer
	// from (the projections' query types); nil ones make their routes
	// answer 503. While Queries.Projections has not caught up once with
	// the head found at Open, /readyz answers 503 ("projections catching
	// up: N events behind").
	Queries Queries

	// ReadTimeout and WriteTimeout bound a request's reading and a
	// response's writing (the live feed extends its own); 0 means
	// DefaultReadTimeout and DefaultWriteTimeout.
	ReadTimeout  time.Duration
	WriteTimeout time.Duration

	// HeartbeatInterval is how often the live feed sends a comment when
	// no event flows; 0 means DefaultHeartbeatInterval.
	HeartbeatInterval time.Duration

	routes  []route
	metrics *metrics

	// times maps seq to recordedAt for asOf by time.
	times timeIndex
	// startHead is the head found at Open; caughtUp is set once every
	// projection has folded that far.
	startHead uint64
	caughtUp  atomic.Bool
	// pages are the parsed page templates.
	pages *pageSet

	openapiOnce sync.Once
	openapiDoc  []byte
	openapiErr  error
	idem        *idempotencyCache
	authLimiter *authLimiter
	answers     *answerCache

	// closing is closed by Close, ending live feeds.
	closing     chan struct{}
	closingOnce sync.Once
}

// NewServer returns a Server with its routes registered. It does not
// listen: call Open.
func NewServer() *Server {
	s := &Server{
		router:  mux.NewRouter(),
		served:  make(chan struct{}),
		closing: make(chan struct{}),
		metrics: newMetrics(),
		idem:    newIdempotencyCache(DefaultIdempotencyCacheSize),
	}
	s.answers = newAnswerCache(DefaultAnswerCacheSize)
	s.authLimiter = newAuthLimiter(DefaultAuthFailures, DefaultAuthWindow, func() time.Time { return s.now() })
	s.router.NotFoundHandler = s.metrics.instrument("unmatched", http.HandlerFunc(s.handleNotFound))
	s.router.MethodNotAllowedHandler = s.metrics.instrument("unmatched", http.HandlerFunc(s.handleMethodNotAllowed))
	s.pages = mustParsePages()
	s.routes = slices.Concat(s.opsRoutes(), s.ledgerRoutes(), s.commandRoutes(), s.liveRoutes(), s.queryRoutes(), s.moreQueryRoutes(), s.pageRoutes())
	for _, rt := range s.routes {
		auth := s.authenticate
		if rt.Page {
			auth = s.authenticatePage
		}
		h := s.metrics.instrument(rt.Path, auth(rt.Access, rt.Handler))
		s.router.Handle(rt.Path, h).Methods(rt.Methods...).Name(rt.Name)
	}
	s.metrics.register(s)
	s.handler = s.logRequests(securityHeaders(s.recoverPanics(s.router)))
	return s
}

// Open listens on Addr and starts serving in the background. It returns
// once the listener is bound, so ListenAddr and URL are valid when it
// returns nil.
func (s *Server) Open() error {
	if s.Store == nil {
		return ErrNoStore
	}
	if s.server != nil {
		return errors.New("api: server already opened")
	}
	if s.Ledger == nil {
		if l, ok := s.Store.(Ledger); ok {
			s.Ledger = l
		}
	}
	if s.Events == nil {
		if es, ok := s.Store.(EventStore); ok {
			s.Events = es
		}
	}
	if s.Queries.Projections != nil {
		ctx, cancel := context.WithTimeout(context.Background(), s.readyTimeout())
		head, err := s.Store.Head(ctx)
		cancel()
		if err != nil {
			return fmt.Errorf("open: ledger head: %w", err)
		}
		s.startHead = head
	}
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.Addr, err)
	}
	s.ln = ln
	s.server = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: DefaultReadHeaderTimeout,
		ReadTimeout:       orDefault(s.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:      orDefault(s.WriteTimeout, DefaultWriteTimeout),
		IdleTimeout:       DefaultIdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.logger().Handler(), slog.LevelWarn),
	}
	go func() {
		defer close(s.served)
		if err := s.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger().Error("http server stopped", "err", err)
			s.serveErr = err
		}
	}()
	return nil
}

// Done is closed when the server has stopped serving, after Close or on
// its own (a listener failure); Err then says why.
func (s *Server) Done() <-chan struct{} { return s.served }

// Err returns why the server stopped serving on its own, after Done is
// closed; nil after a Close.
func (s *Server) Err() error { return s.serveErr }

// Close stops the server: it stops accepting connections, marks the server
// not ready, waits up to ShutdownTimeout for requests in flight, then cuts
// what remains. It is safe to call more than once, and before Open.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.SetUnready("shutting down")
		s.closingOnce.Do(func() { close(s.closing) })
		if s.server == nil {
			return
		}
		timeout := s.ShutdownTimeout
		if timeout <= 0 {
			timeout = DefaultShutdownTimeout
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		if err := s.server.Shutdown(ctx); err != nil {
			s.closeErr = fmt.Errorf("http shutdown: %w", err)
			_ = s.server.Close()
		}
		<-s.served
	})
	return s.closeErr
}

// ServeHTTP serves one request through the server's middleware (request
// log, panic recovery) and router. Open uses it; tests may call it with
// an httptest.ResponseRecorder without listening.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

var discardLogger = slog.New(slog.DiscardHandler)

// securityHeaders sets the headers every response carries, whatever the
// handler: no MIME sniffing, no framing, no referrer leaks. HTML pages add
// their own Content-Security-Policy.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// now returns the server's clock.
func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// newID returns a fresh id (UUIDv7 unless NewID says otherwise).
func (s *Server) newID() (uuid.UUID, error) {
	if s.NewID != nil {
		return s.NewID()
	}
	return uuid.NewV7()
}

func (s *Server) logger() *slog.Logger {
	if s.Logger == nil {
		return discardLogger
	}
	return s.Logger
}

// ListenAddr returns the address the server is bound to, with the real port
// when Addr asked for port 0. It is "" before Open.
func (s *Server) ListenAddr() string {
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// URL returns the base URL of the server, e.g. "http://127.0.0.1:8080". An
// unspecified host (":8080", "0.0.0.0:8080") is shown as localhost. It is ""
// before Open.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	host, port, err := net.SplitHostPort(s.ln.Addr().String())
	if err != nil {
		return "http://" + s.ln.Addr().String()
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Port returns the bound TCP port, or 0 before Open.
func (s *Server) Port() int {
	if s.ln == nil {
		return 0
	}
	_, port, _ := net.SplitHostPort(s.ln.Addr().String())
	n, _ := strconv.Atoi(port)
	return n
}

// SetUnready makes /readyz answer 503 with reason, whatever the store says,
// for example while the process drains before shutdown. An empty reason
// makes readiness depend on the store again.
func (s *Server) SetUnready(reason string) {
	if reason == "" {
		s.unready.Store(nil)
		return
	}
	s.unready.Store(&reason)
}

// unreadyReason returns the reason set by SetUnready, or "".
func (s *Server) unreadyReason() string {
	if p := s.unready.Load(); p != nil {
		return *p
	}
	return ""
}
