package main

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// openReadOnly opens the embedded store in --data for reading. It takes no
// lock, so it works while serve has the same directory open.
func (m *Main) openReadOnly() (*sqlite.Store, error) {
	s, err := sqlite.Open(m.Config.Store.Dir, &sqlite.Options{ReadOnly: true, Logger: m.quietLogger()})
	if err != nil {
		return nil, err
	}
	m.Store = s
	return s, nil
}

// quietLogger logs warnings and errors only: the store's "opened" line
// would clutter a tool's stderr.
func (m *Main) quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// runExport writes every event with seq >= From to Stdout as its export
// line and a '\n', in seq order, up to the head as it stood when the export
// started.
func (m *Main) runExport(ctx context.Context) error {
	s, err := m.openReadOnly()
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(m.Stdout, 256<<10)
	var line []byte
	want := m.Config.From
	for ev, err := range s.ReadAll(ctx, m.Config.From) {
		if err != nil {
			return fmt.Errorf("read seq %d: %w", want, err)
		}
		// ReadAll promises a dense seq; an export that silently skipped
		// an event would give auditors a wrong tree, so check.
		if ev.Seq != want {
			return fmt.Errorf("ledger skips from seq %d to %d", want, ev.Seq)
		}
		want++
		line = eventstore.AppendExportLine(line[:0], &ev)
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}

// runBackup writes a consistent copy of the ledger to BackupFile with
// VACUUM INTO. It reads without the writer's lock, so it works while serve
// runs; the copy is a complete ledger.db.
func (m *Main) runBackup(ctx context.Context) error {
	s, err := m.openReadOnly()
	if err != nil {
		return err
	}
	if err := s.Backup(ctx, m.Config.BackupFile); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "backup of %s written to %s\n", s.Path(), m.Config.BackupFile)
	return nil
}
