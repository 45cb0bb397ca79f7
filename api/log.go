package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// responseRecorder remembers what a handler did to the response, for the
// request log: status, bytes written, and the internal error Error saw.
type responseRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	err    error
}

func (rec *responseRecorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *responseRecorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer (Flush,
// deadlines), which streaming handlers will need.
func (rec *responseRecorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// noteError hands an internal error to the request log line, so it is
// logged once, at the edge, with the request it belongs to.
func noteError(w http.ResponseWriter, err error) {
	for {
		switch x := w.(type) {
		case *responseRecorder:
			x.err = err
			return
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return
		}
	}
}

// logRequests logs one line per request: method, path, status, bytes and
// duration, plus the error for failures. It logs no headers and no query
// string, so bearer tokens and whatever a client puts in a URL stay out of
// the logs.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &responseRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		level := slog.LevelInfo
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)),
		}
		if rec.err != nil {
			attrs = append(attrs, slog.String("err", rec.err.Error()))
		}
		if rec.status >= http.StatusInternalServerError {
			level = slog.LevelError
		}
		s.logger().LogAttrs(r.Context(), level, "http request", attrs...)
	})
}

// recoverPanics turns a handler panic into a 500 problem and a logged
// error instead of a dropped connection. http.ErrAbortHandler is re-raised:
// it is how a handler asks net/http to abort the response.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.logger().Error("http handler panicked", "method", r.Method, "path", r.URL.Path,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			Error(w, r, fmt.Errorf("panic: %v", v))
		}()
		next.ServeHTTP(w, r)
	})
}
