package sqlite_test

import (
	"testing"

	"github.com/tdkt/tdkt/internal/lincheck"
)

// TestLinearizability checks a concurrent history of appends (with every
// kind of expected revision, and retries) and whole-stream reads with
// porcupine. TDKT_LIN_OPS makes it longer; TDKT_LIN_SEED replays a run.
func TestLinearizability(t *testing.T) {
	lincheck.RunTest(t, MustOpenStore(t, nil), lincheck.ConfigFromEnv(t))
}
