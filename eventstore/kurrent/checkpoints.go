package kurrent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
)

var _ ledger.CheckpointLog = (*Store)(nil)

// checkpointEventType is the KurrentDB event type of a kept checkpoint.
const checkpointEventType = "TdktSignedCheckpoint"

// checkpointStream is the KurrentDB stream that keeps every signed
// checkpoint: the index stream's name + "-checkpoints". It is not a ledger
// stream.
func (s *Store) checkpointStream() string { return s.indexStream + "-checkpoints" }

type checkpointRecord struct {
	Size uint64 `json:"size"`
	Note string `json:"note"`
}

// SaveCheckpoint keeps a signed checkpoint note of the tree of size events
// in the checkpoint stream, appended with the exact expected revision of the
// last one, so checkpoints are kept in order and sizes only grow.
func (s *Store) SaveCheckpoint(ctx context.Context, size uint64, note []byte) error {
	if s.closed.Load() {
		return eventstore.ErrClosed
	}
	head, err := s.Head(ctx)
	if err != nil {
		return err
	}
	if size > head {
		return fmt.Errorf("save checkpoint: %w: tree size %d, head %d", ledger.ErrBeyondHead, size, head)
	}
	last, rev, err := s.lastCheckpoint(ctx)
	if err != nil {
		return err
	}
	var expected esdb.ExpectedRevision = esdb.NoStream{}
	if rev >= 0 {
		if size <= last.Size {
			return fmt.Errorf("save checkpoint: a checkpoint must cover more events than the last one (%d), not %d", last.Size, size)
		}
		expected = esdb.Revision(uint64(rev))
	}
	data, err := json.Marshal(checkpointRecord{Size: size, Note: string(note)})
	if err != nil {
		return err
	}
	ev := esdb.EventData{EventID: uuid.New(), EventType: checkpointEventType, ContentType: esdb.ContentTypeJson, Data: data}
	if _, err := s.client.AppendToStream(ctx, s.checkpointStream(), esdb.AppendToStreamOptions{ExpectedRevision: expected}, ev); err != nil {
		return fmt.Errorf("save checkpoint of tree size %d: %w", size, mapErr(err))
	}
	return nil
}

// LatestCheckpoint returns the checkpoint saved last, or an error wrapping
// ledger.ErrNoCheckpoint.
func (s *Store) LatestCheckpoint(ctx context.Context) (uint64, []byte, error) {
	if s.closed.Load() {
		return 0, nil, eventstore.ErrClosed
	}
	rec, rev, err := s.lastCheckpoint(ctx)
	if err != nil {
		return 0, nil, err
	}
	if rev < 0 {
		return 0, nil, ledger.ErrNoCheckpoint
	}
	return rec.Size, []byte(rec.Note), nil
}

// lastCheckpoint reads the newest kept checkpoint and its revision (-1 when
// there is none).
func (s *Store) lastCheckpoint(ctx context.Context) (checkpointRecord, int64, error) {
	rs, err := s.client.ReadStream(ctx, s.checkpointStream(), esdb.ReadStreamOptions{Direction: esdb.Backwards, From: esdb.End{}}, 1)
	if err != nil {
		return checkpointRecord{}, 0, mapErr(err)
	}
	defer rs.Close()
	ev, err := rs.Recv()
	var esErr *esdb.Error
	switch {
	case errors.As(err, &esErr) && esErr.Code() == esdb.ErrorCodeResourceNotFound:
		return checkpointRecord{}, -1, nil
	case err != nil:
		return checkpointRecord{}, 0, mapErr(err)
	}
	var rec checkpointRecord
	if err := json.Unmarshal(ev.OriginalEvent().Data, &rec); err != nil {
		return checkpointRecord{}, 0, fmt.Errorf("read checkpoint %d of %s: %w", ev.OriginalEvent().EventNumber, s.checkpointStream(), err)
	}
	return rec, int64(ev.OriginalEvent().EventNumber), nil
}
