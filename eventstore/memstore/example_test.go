package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/memstore"
)

func Example() {
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2024, 3, 15, 2, 30, 0, 0, time.UTC) }
	s := memstore.New(&memstore.Options{Now: clock})
	defer s.Close()

	created := eventstore.Event{
		ID:     uuid.MustParse("0190c1b2-7a00-7000-8000-000000000001"),
		Type:   "unit.created.v1",
		Schema: 1,
		Data:   []byte(`{"tên":"Viện kiểm sát nhân dân tỉnh Quảng Ninh"}`),
	}
	res, err := s.Append(ctx, "unit-qn", eventstore.NoStream, created)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("revision", res.Revision, "seq", res.Events[0].Seq)

	// A retry with the same id and content is answered with the original
	// result and writes nothing.
	again, err := s.Append(ctx, "unit-qn", eventstore.NoStream, created)
	fmt.Println("duplicate", again.Duplicate, err)

	// A new event that expects the stream not to exist conflicts.
	renamed := eventstore.Event{
		ID:     uuid.MustParse("0190c1b2-7a00-7000-8000-000000000002"),
		Type:   "unit.renamed.v1",
		Schema: 1,
		Data:   []byte(`{"tên":"VKSND tỉnh Quảng Ninh"}`),
	}
	_, err = s.Append(ctx, "unit-qn", eventstore.NoStream, renamed)
	fmt.Println("conflict", errors.Is(err, eventstore.ErrConcurrency))

	for ev, err := range s.ReadStream(ctx, "unit-qn", 0) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s\n", eventstore.ExportLine(&ev))
	}
	// Output:
	// revision 0 seq 0
	// duplicate true <nil>
	// conflict true
	// {"seq":0,"id":"0190c1b2-7a00-7000-8000-000000000001","stream":"unit-qn","type":"unit.created.v1","schema":1,"revision":0,"recordedAt":"2024-03-15T02:30:00.000000000Z","effective":null,"actor":null,"basis":null,"correlation":null,"causation":null,"data":{"tên":"Viện kiểm sát nhân dân tỉnh Quảng Ninh"}}
}
