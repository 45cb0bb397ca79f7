package main

import (
	"context"
	"fmt"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// runServe opens the store named by the configuration and starts the HTTP
// server on it. It returns once the server listens; Close stops both.
func (m *Main) runServe(ctx context.Context) error {
	var store api.Store
	switch m.Config.Store.Kind {
	case StoreSQLite:
		s, err := sqlite.Open(m.Config.Store.Dir, &sqlite.Options{Logger: m.Logger})
		if err != nil {
			return err
		}
		m.Store = s
		store = s
	default:
		// validateServe lets only built backends through.
		return fmt.Errorf("%w: store kind %q", ErrNotSupported, m.Config.Store.Kind)
	}

	srv := api.NewServer()
	srv.Addr = m.Config.Addr
	srv.Store = store
	srv.Logger = m.Logger
	if err := srv.Open(); err != nil {
		return err
	}
	m.HTTPServer = srv

	head, err := store.Head(ctx)
	if err != nil {
		return err
	}
	m.Logger.Info("serving", "url", srv.URL(), "addr", srv.ListenAddr(), "ledger", m.Store.Path(), "events", head)
	fmt.Fprintf(m.Stdout, "tdkt đang phục vụ tại %s (sổ cái %s, %d sự kiện); nhấn Ctrl+C để dừng.\n",
		srv.URL(), m.Store.Path(), head)
	return nil
}
