package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/mux"
)

// Store is what the api reads from the ledger. eventstore.Store satisfies
// it; so does any fake with the same method.
type Store interface {
	// Head returns the number of events in the ledger. It returns an error
	// when the store cannot answer (closed, failed, context ended).
	Head(ctx context.Context) (uint64, error)
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
}

// NewServer returns a Server with its routes registered. It does not
// listen: call Open.
func NewServer() *Server {
	s := &Server{
		router: mux.NewRouter(),
		served: make(chan struct{}),
	}
	s.router.NotFoundHandler = http.HandlerFunc(s.handleNotFound)
	s.router.MethodNotAllowedHandler = http.HandlerFunc(s.handleMethodNotAllowed)
	s.registerOpsRoutes(s.router)
	s.registerLedgerRoutes(s.router)
	s.handler = s.logRequests(s.recoverPanics(s.router))
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
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.Addr, err)
	}
	s.ln = ln
	s.server = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: DefaultReadHeaderTimeout,
		ReadTimeout:       DefaultReadTimeout,
		WriteTimeout:      DefaultWriteTimeout,
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
