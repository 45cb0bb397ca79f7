package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/tdkt/tdkt/eventstore"
)

// pgSchema is the event table most teams would reach for: a global
// sequence, optimistic concurrency by a unique (stream, revision), the id
// unique for idempotency, the data as json (kept as written, like ours).
const pgSchema = `
DROP TABLE IF EXISTS events;
CREATE TABLE events (
	seq            bigserial PRIMARY KEY,
	stream         text        NOT NULL,
	revision       bigint      NOT NULL,
	id             uuid        NOT NULL UNIQUE,
	type           text        NOT NULL,
	schema         integer     NOT NULL,
	recorded_at    timestamptz NOT NULL DEFAULT now(),
	effective_date date,
	effective_year integer,
	actor          jsonb,
	basis          jsonb,
	correlation    uuid,
	causation      uuid,
	data           json        NOT NULL,
	UNIQUE (stream, revision)
)`

// pgAppend appends one event at the stream's next revision in one
// statement (its own transaction, committed durably: synchronous_commit
// is on by default).
const pgAppend = `INSERT INTO events (stream, revision, id, type, schema, effective_date, effective_year, actor, basis, correlation, data)
SELECT $1, COALESCE(MAX(revision) + 1, 0), $2, $3, $4, $5::date, $6, $7::jsonb, $8::jsonb, $9, $10::json FROM events WHERE stream = $1`

var pgColumns = []string{"seq", "stream", "revision", "id", "type", "schema", "recorded_at", "effective_date", "effective_year", "actor", "basis", "correlation", "causation", "data"}

func pgActor(a *eventstore.Actor) any {
	if a == nil {
		return nil
	}
	return fmt.Sprintf(`{"subject":%q,"role":%q,"unit":%q}`, a.Subject, a.Role, a.Unit)
}

func pgBasis(b *eventstore.Basis) any {
	if b == nil {
		return nil
	}
	return fmt.Sprintf(`{"number":%q,"date":%q,"issuer":%q}`, b.Number, b.Date, b.Issuer)
}

func pgDate(s string) any {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return t
}

func pgYear(y int) any {
	if y == 0 {
		return nil
	}
	return int32(y)
}

func pgUUID(u uuid.UUID) any {
	if u == uuid.Nil {
		return nil
	}
	return [16]byte(u)
}

func pgRow(e *eventstore.RecordedEvent) []any {
	return []any{int64(e.Seq), e.Stream, int64(e.Revision), [16]byte(e.ID), e.Type, int32(e.Schema), e.RecordedAt, pgDate(e.Effective.Date), pgYear(e.Effective.Year),
		pgActor(e.Actor), pgBasis(e.Basis), pgUUID(e.Correlation), pgUUID(e.Causation), string(e.Data)}
}

// benchPostgres measures the PostgreSQL event table: durable appends with
// 1 and 16 writers, bulk appends, loading the whole ledger, and a replay.
func (b *bench) benchPostgres() error {
	if b.cfg.Postgres == "" {
		b.gap("postgres", "no --postgres DSN (scripts/bench.sh starts a throwaway PostgreSQL when Debian's postgresql package can be installed)")
		return errBenchGap
	}
	if len(b.pool) == 0 {
		b.gap("postgres", "no event pool (the generate step did not run)")
		return errBenchGap
	}
	ctx := b.ctx
	conn, err := pgx.Connect(ctx, b.cfg.Postgres)
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&b.report.Postgres); err != nil {
		return err
	}
	var sync, commit string
	conn.QueryRow(ctx, "SHOW fsync").Scan(&sync)
	conn.QueryRow(ctx, "SHOW synchronous_commit").Scan(&commit)
	b.report.Notes = append(b.report.Notes, fmt.Sprintf("PostgreSQL %s on loopback: fsync=%s, synchronous_commit=%s, otherwise Debian's defaults", b.report.Postgres, sync, commit))
	reset := func() error {
		_, err := conn.Exec(ctx, pgSchema)
		return err
	}
	for _, writers := range []int{1, 16} {
		err := b.runs(fmt.Sprintf("pg-durable-w%d", writers), func(run int) error {
			if err := reset(); err != nil {
				return err
			}
			conns := make([]*pgx.Conn, writers)
			for i := range conns {
				c, err := pgx.Connect(ctx, b.cfg.Postgres)
				if err != nil {
					return err
				}
				defer c.Close(context.Background())
				conns[i] = c
			}
			n, el, err := b.timed(writers, func(w, i int) error {
				e := b.writeEvent(w*7919 + i)
				_, err := conns[w].Exec(ctx, pgAppend, fmt.Sprintf("bench-%d-%d", w, i%100), [16]byte(e.ID), e.Type, int32(e.Schema), pgDate(e.Effective.Date),
					pgYear(e.Effective.Year), pgActor(e.Actor), pgBasis(e.Basis), pgUUID(e.Correlation), string(e.Data))
				return err
			})
			if err != nil {
				return err
			}
			b.put(fmt.Sprintf("durable.pg.w%d", writers), float64(n)/el.Seconds())
			return nil
		})
		if err != nil {
			return err
		}
	}
	err = b.runs("pg-bulk", func(run int) error {
		if err := reset(); err != nil {
			return err
		}
		var seq int64
		n, el, err := b.timed(1, func(_, i int) error {
			rows := make([][]any, bulkBatch)
			now := time.Now()
			for j := range rows {
				e := eventstore.RecordedEvent{Seq: uint64(seq), Stream: fmt.Sprintf("import-%d", i), Revision: uint64(j), RecordedAt: now, Event: b.writeEvent(i*bulkBatch + j)}
				seq++
				rows[j] = pgRow(&e)
			}
			_, err := conn.CopyFrom(ctx, pgx.Identifier{"events"}, pgColumns, pgx.CopyFromRows(rows))
			return err
		})
		if err != nil {
			return err
		}
		b.put("bulk.pg", float64(n*bulkBatch)/el.Seconds())
		return nil
	})
	if err != nil {
		return err
	}
	if err := b.haveLedger("postgres"); err != nil {
		return err
	}
	s, err := b.openLedger()
	if err != nil {
		return err
	}
	defer s.Close()
	return b.runs("pg-ledger", func(run int) error {
		if err := reset(); err != nil {
			return err
		}
		prog := newProgress(b.log, fmt.Sprintf("PostgreSQL: COPY the ledger (run %d/%d)", run+1, b.cfg.Runs), b.report.LedgerEvents)
		const chunk = 10_000
		rows := make([][]any, 0, chunk)
		var n int64
		flush := func() error {
			if len(rows) == 0 {
				return nil
			}
			_, err := conn.CopyFrom(ctx, pgx.Identifier{"events"}, pgColumns, pgx.CopyFromRows(rows))
			rows = rows[:0]
			prog.update(n)
			return err
		}
		t0 := time.Now()
		for e, err := range s.ReadAll(ctx, 0) {
			if err != nil {
				return err
			}
			rows = append(rows, pgRow(&e))
			n++
			if len(rows) == chunk {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		prog.done()
		b.put("pg.load", float64(n)/time.Since(t0).Seconds())

		// Replay: every row in seq order, scanned into Go values.
		t0 = time.Now()
		q := "SELECT " + strings.Join(pgColumns, ", ") + " FROM events ORDER BY seq"
		pgRows, err := conn.Query(ctx, q)
		if err != nil {
			return err
		}
		var count int64
		for pgRows.Next() {
			var (
				seq, rev               int64
				stream, typ            string
				schema                 int32
				id                     [16]byte
				recorded               time.Time
				effDate                *time.Time
				effYear                *int32
				actor, basis           []byte
				correlation, causation *[16]byte
				data                   []byte
			)
			if err := pgRows.Scan(&seq, &stream, &rev, &id, &typ, &schema, &recorded, &effDate, &effYear, &actor, &basis, &correlation, &causation, &data); err != nil {
				pgRows.Close()
				return err
			}
			count++
		}
		pgRows.Close()
		if err := pgRows.Err(); err != nil {
			return err
		}
		if count != n {
			return fmt.Errorf("postgres replay: %d rows, want %d", count, n)
		}
		b.put("pg.replay", float64(count)/time.Since(t0).Seconds())
		return nil
	})
}
