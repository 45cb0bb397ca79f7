package kurrent_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/kurrent"
	"github.com/tdkt/tdkt/eventstore/kurrent/kurrenttest"
	"github.com/tdkt/tdkt/eventstore/storetest"
)

// quiet is a logger for tests: the consumer logs every resubscription.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// MustOpenStore starts a protocol test double and opens a Store on it; both
// are closed when the test ends.
func MustOpenStore(tb testing.TB) (*kurrent.Store, *kurrenttest.Server) {
	tb.Helper()
	srv := kurrenttest.Start(tb)
	s, err := kurrent.Open(tb.Context(), &kurrent.Options{URL: srv.URL(), Logger: quiet})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s, srv
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) eventstore.Store {
		s, _ := MustOpenStore(tb)
		return s
	})
}
