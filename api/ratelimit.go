package api

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Failed-authentication limits: a client (by IP address) that presents
// more than DefaultAuthFailures invalid bearer tokens within
// DefaultAuthWindow gets 429 Too Many Requests for every request with a
// bearer token, valid or not, until the window ends: answering valid
// tokens meanwhile would let the guessing go on at full speed. Requests
// without a token (health, public routes) are not affected.
const (
	DefaultAuthFailures = 10
	DefaultAuthWindow   = time.Minute
	// authLimiterMax bounds the clients remembered; past it, the oldest
	// windows are dropped first.
	authLimiterMax = 10000
)

var tooManyFailuresProblem = problemKind{http.StatusTooManyRequests, "urn:tdkt:problem:too-many-auth-failures", "Too many failed authentications (Quá nhiều lần xác thực sai)"}

// authLimiter counts failed authentications per client in fixed windows.
type authLimiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu      sync.Mutex
	clients map[string]*authWindow
}

type authWindow struct {
	start    time.Time
	failures int
}

func newAuthLimiter(max int, window time.Duration, now func() time.Time) *authLimiter {
	if max <= 0 {
		max = DefaultAuthFailures
	}
	if window <= 0 {
		window = DefaultAuthWindow
	}
	if now == nil {
		now = time.Now
	}
	return &authLimiter{max: max, window: window, now: now, clients: map[string]*authWindow{}}
}

// clientOf is the limiter's key for a request: the peer's IP address.
// X-Forwarded-For is not trusted: a client could set it to anything.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// blocked reports whether client has used up its failures in the current
// window, and when the window ends.
func (l *authLimiter) blocked(client string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w, ok := l.clients[client]
	if !ok {
		return false, 0
	}
	now := l.now()
	if now.Sub(w.start) >= l.window {
		delete(l.clients, client)
		return false, 0
	}
	return w.failures >= l.max, w.start.Add(l.window).Sub(now)
}

// fail counts one failed authentication of client.
func (l *authLimiter) fail(client string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w, ok := l.clients[client]
	if !ok || now.Sub(w.start) >= l.window {
		if len(l.clients) >= authLimiterMax {
			l.evict(now)
		}
		w = &authWindow{start: now}
		l.clients[client] = w
	}
	w.failures++
}

// evict drops expired windows, and if none expired, the oldest one.
func (l *authLimiter) evict(now time.Time) {
	var oldest string
	var oldestStart time.Time
	for c, w := range l.clients {
		if now.Sub(w.start) >= l.window {
			delete(l.clients, c)
			continue
		}
		if oldest == "" || w.start.Before(oldestStart) {
			oldest, oldestStart = c, w.start
		}
	}
	if len(l.clients) >= authLimiterMax && oldest != "" {
		delete(l.clients, oldest)
	}
}

// tooManyFailures writes the 429 with Retry-After.
func (s *Server) tooManyFailures(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(wait/time.Second) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeProblem(w, r, problemOf(tooManyFailuresProblem,
		fmt.Sprintf("Too many invalid tokens from this address; try again in %d s. (Quá nhiều mã truy cập sai từ địa chỉ này; thử lại sau %d giây.)", secs, secs)))
}
