package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/tdkt/tdkt/eventstore"
)

// DefaultHeartbeatInterval is how often the live feed sends a comment line
// when no event flows, so proxies and clients see the connection alive.
const DefaultHeartbeatInterval = 15 * time.Second

// EventStreamContentType is the media type of the live feed.
const EventStreamContentType = "text/event-stream"

// liveRoutes is the live feed.
func (s *Server) liveRoutes() []route {
	return []route{{
		Name: "liveEvents", Methods: []string{http.MethodGet}, Path: "/api/v1/events/live",
		Access: accessLedger, Handler: s.handleLive, Tag: "ledger",
		Summary: "Server-sent events, one per ledger event (id: seq, event: type, data: the export line); resumable with Last-Event-ID or ?from=",
		Params: []param{
			{Name: "from", In: "query", Type: "integer", Description: "first seq to send (default: the head, i.e. only new events)"},
			{Name: "Last-Event-ID", In: "header", Type: "string", Description: "the last seq the client saw; the feed resumes after it (wins over ?from=)"},
		},
		Responses: []response{{Status: 200, ContentType: EventStreamContentType, Text: true}, {Status: 400, Problem: true}, {Status: 503, Problem: true}},
	}}
}

// handleLive serves GET /api/v1/events/live. It runs until the client goes
// away or the server closes. The server's read and write timeouts would
// cut it, so it lifts the read deadline and pushes the write deadline
// forward before every write.
func (s *Server) handleLive(w http.ResponseWriter, r *http.Request) {
	if s.Events == nil {
		writeProblem(w, r, problemOf(notReadyProblem, "This server's store does not serve the live feed."))
		return
	}
	from, prob := s.liveFrom(r)
	if prob != nil {
		writeProblem(w, r, *prob)
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	if from == nil {
		head, err := s.Events.Head(ctx)
		if err != nil {
			Error(w, r, err)
			return
		}
		from = &head
	}

	rc := http.NewResponseController(w)
	heartbeat := s.HeartbeatInterval
	if heartbeat <= 0 {
		heartbeat = DefaultHeartbeatInterval
	}
	// A write must finish within a few heartbeats; a client that stops
	// reading is cut then.
	extend := func() { _ = rc.SetWriteDeadline(time.Now().Add(2*heartbeat + 10*time.Second)) }
	_ = rc.SetReadDeadline(time.Time{})
	extend()

	h := w.Header()
	h.Set("Content-Type", EventStreamContentType)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprintf(w, "retry: 3000\n: tdkt live feed from seq %d\n\n", *from); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}

	type item struct {
		e   eventstore.RecordedEvent
		err error
	}
	events := make(chan item, 64)
	go func() {
		defer close(events)
		for e, err := range s.Events.Subscribe(ctx, *from) {
			select {
			case events <- item{e, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()

	ticker := time.NewTicker(heartbeat)
	defer ticker.Stop()
	var buf []byte
	for {
		select {
		case <-s.closing:
			extend()
			_, _ = fmt.Fprint(w, ": server closing\n\n")
			_ = rc.Flush()
			return
		case <-ctx.Done():
			return
		case <-ticker.C:
			extend()
			if _, err := fmt.Fprint(w, ": heartbeat\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case it, ok := <-events:
			if !ok {
				return
			}
			if it.err != nil {
				if ctx.Err() == nil {
					noteError(w, it.err)
				}
				return
			}
			buf = buf[:0]
			buf = append(buf, "id: "...)
			buf = strconv.AppendUint(buf, it.e.Seq, 10)
			buf = append(buf, "\nevent: "...)
			buf = append(buf, it.e.Type...)
			buf = append(buf, "\ndata: "...)
			buf = eventstore.AppendExportLine(buf, &it.e)
			buf = append(buf, "\n\n"...)
			extend()
			if _, err := w.Write(buf); err != nil {
				return
			}
			// Flush when the burst is over, not after every event.
			if len(events) == 0 && rc.Flush() != nil {
				return
			}
		}
	}
}

// liveFrom returns the first seq to send: one after Last-Event-ID, else
// ?from=, else nil (the head).
func (s *Server) liveFrom(r *http.Request) (*uint64, *problem) {
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		n, err := strconv.ParseUint(v, 10, 63)
		if err != nil {
			p := problemOf(badHeaderProblem, fmt.Sprintf("Last-Event-ID: %q is not a seq.", v))
			p.Field = "Last-Event-ID"
			return nil, &p
		}
		n++
		return &n, nil
	}
	if _, ok := r.URL.Query()["from"]; ok {
		n, p := uintParam(r.URL.Query(), "from", 0)
		if p != nil {
			return nil, p
		}
		return &n, nil
	}
	return nil, nil
}
