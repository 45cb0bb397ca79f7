package sqlite_test

import (
	"testing"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) eventstore.Store { return MustOpenStore(tb, nil) })
}
