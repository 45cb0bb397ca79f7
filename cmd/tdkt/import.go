package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/sqlite"
)

// validateImport checks import's flags.
func (c *Config) validateImport() error {
	if len(c.Verify.Checkpoints) > 0 && c.Verify.Key == "" {
		return errors.New("--checkpoint needs --key (the ledger's verifier key, or a file holding it)")
	}
	if c.Verify.Key != "" && len(c.Verify.Checkpoints) == 0 {
		return errors.New("--key is for checking --checkpoint files; give at least one")
	}
	return c.validateData()
}

// runImport appends an export file to the empty store in --data. It
// checks the whole file first, as verify --export does (every line
// canonical, seq dense from 0, the roots of any --checkpoint), then writes
// every event as recorded — seq, revision and recordedAt kept — in one
// transaction, so the imported ledger has the file's root, and a file that
// fails any check writes nothing.
func (m *Main) runImport(ctx context.Context) error {
	file := m.Config.ImportFile
	cps, err := openCheckpoints(m.Config.Verify.Checkpoints, m.Config.Verify.Key)
	if err != nil {
		return err
	}
	s, err := sqlite.Open(m.Config.Store.Dir, &sqlite.Options{Logger: m.quietLogger()})
	if err != nil {
		return err
	}
	m.Store = s
	if head, err := s.Head(ctx); err != nil {
		return err
	} else if head != 0 {
		return fmt.Errorf("import: %w: %s holds %d events; import into an empty data directory", sqlite.ErrNotEmpty, s.Path(), head)
	}
	root, err := m.verifyExport(ctx, file, cps, io.Discard)
	if err != nil {
		return fmt.Errorf("import %s: nothing written: %w", file, err)
	}

	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	prog := newProgress(m.Stderr, "importing "+file, 0)
	defer prog.done()
	var readErr error
	events := func(yield func(eventstore.RecordedEvent, error) bool) {
		r := bufio.NewReaderSize(f, 1<<20)
		for lineNo := 1; ; lineNo++ {
			line, err := r.ReadBytes('\n')
			if len(line) == 0 && errors.Is(err, io.EOF) {
				return
			}
			if err != nil && !errors.Is(err, io.EOF) {
				readErr = err
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			ev, perr := eventstore.ParseExportLine(bytes.TrimSuffix(line, []byte("\n")))
			if perr != nil {
				yield(eventstore.RecordedEvent{}, fmt.Errorf("line %d: %w", lineNo, perr))
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
	}
	n, err := s.Import(ctx, events, func(n uint64) { prog.update(int64(n)) })
	if err != nil {
		if readErr != nil {
			err = readErr
		}
		return fmt.Errorf("import %s: nothing written: %w", file, err)
	}
	got, err := s.TreeHash(ctx, n)
	if err != nil {
		return err
	}
	if got != root {
		return fmt.Errorf("import %s: internal error: the imported tree's root %s differs from the file's %s", file, got, root)
	}
	prog.done()
	fmt.Fprintf(m.Stdout, "đã nhập %d sự kiện từ %s vào %s; gốc Merkle %s (trùng với tệp xuất)\n", n, file, s.Path(), got)
	fmt.Fprintf(m.Stdout, "imported %d events; the ledger's root equals the export file's\n", n)
	printRoot(m.Stdout, int64(n), got)
	cps.print(m.Stdout)
	return nil
}
