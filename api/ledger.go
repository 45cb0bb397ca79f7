package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gorilla/mux"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/tdkt/tdkt/eventstore"
	"github.com/tdkt/tdkt/eventstore/ledger"
)

// Ledger is what the ledger routes read: the event feed and the stored
// Merkle tree. *sqlite.Store implements it.
type Ledger interface {
	ledger.TreeReader
	// ReadAll yields the events from seq from in seq order.
	ReadAll(ctx context.Context, from uint64) iter.Seq2[eventstore.RecordedEvent, error]
}

// Checkpoints is what the ledger routes ask for signed checkpoints.
// *ledger.Checkpointer implements it.
type Checkpoints interface {
	// Issue returns the latest checkpoint, signing one of the current head
	// first if the tree has grown.
	Issue(ctx context.Context) ([]byte, ledger.Checkpoint, error)
	// Covering returns the latest checkpoint if it covers size events,
	// else signs one of the current head.
	Covering(ctx context.Context, size uint64) ([]byte, ledger.Checkpoint, error)
}

// Limits of GET /api/v1/events.
const (
	DefaultEventsLimit = 1000
	MaxEventsLimit     = 10000
)

// Content types of the ledger routes.
const (
	// ExportLinesContentType is JSON Lines: one export line per event.
	ExportLinesContentType = "application/jsonl; charset=utf-8"
	// NoteContentType is a C2SP signed note or verifier key, as text.
	NoteContentType = "text/plain; charset=utf-8"
)

var (
	badParamProblem      = problemKind{http.StatusBadRequest, "urn:tdkt:problem:invalid-parameter", "Invalid query parameter"}
	beyondHeadProblem    = problemKind{http.StatusNotFound, "urn:tdkt:problem:beyond-head", "Beyond the ledger head"}
	noSigningKeyProblem  = problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:no-signing-key", "Ledger signing is not configured"}
	checkpointFailedKind = problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:checkpoint-unavailable", "No checkpoint available"}
)

// ledgerRoutes are the ledger's read routes (DESIGN.md "Interfaces"):
// export lines, the verifier key, checkpoints, proofs and receipts.
func (s *Server) ledgerRoutes() []route {
	seqParam := func(name, desc string, required bool) param {
		return param{Name: name, In: "query", Description: desc, Required: required, Type: "integer"}
	}
	return []route{
		{Name: "listEvents", Methods: getHead, Path: "/api/v1/events", Access: accessLedger, Handler: s.needLedger(s.handleEventsList), Tag: "ledger",
			Summary: "Export lines from ?from=, at most ?limit= (JSON Lines, the bytes of tdkt export)",
			Params: []param{seqParam("from", "first seq (default 0)", false),
				{Name: "limit", In: "query", Description: "at most this many lines (1–10000, default 1000)", Type: "integer"}},
			Responses: []response{{Status: 200, ContentType: ExportLinesContentType, Text: true}, {Status: 400, Problem: true}}},
		{Name: "getEventReceipt", Methods: getHead, Path: "/api/v1/events/{seq:[0-9]+}/receipt", Access: accessLedger, Handler: s.needLedger(s.handleEventReceipt), Tag: "ledger",
			Summary:   "One event's receipt: export line, inclusion proof and signed checkpoint (C2SP tlog-proof)",
			Responses: []response{{Status: 200, ContentType: NoteContentType, Text: true}, {Status: 404, Problem: true}, {Status: 503, Problem: true}}},
		{Name: "getLedgerKey", Methods: getHead, Path: "/api/v1/ledger/key", Access: accessLedger, Handler: s.needLedger(s.handleLedgerKey), Tag: "ledger",
			Summary:   "The C2SP verifier key of the ledger's checkpoints",
			Responses: []response{{Status: 200, ContentType: NoteContentType, Text: true}, {Status: 503, Problem: true}}},
		{Name: "getLedgerCheckpoint", Methods: getHead, Path: "/api/v1/ledger/checkpoint", Access: accessLedger, Handler: s.needLedger(s.handleLedgerCheckpoint), Tag: "ledger",
			Summary:   "The latest signed checkpoint (C2SP signed note)",
			Responses: []response{{Status: 200, ContentType: NoteContentType, Text: true}, {Status: 503, Problem: true}}},
		{Name: "getInclusionProof", Methods: getHead, Path: "/api/v1/ledger/proof/inclusion", Access: accessLedger, Handler: s.needLedger(s.handleInclusionProof), Tag: "ledger",
			Summary: "RFC 6962 inclusion proof of ?seq= in the tree of ?size= events",
			Params:  []param{seqParam("seq", "the event's seq", true), seqParam("size", "tree size (default: the head)", false)},
			Responses: []response{{Status: 200, Body: inclusionProofResponse{}, Example: inclusionProofResponse{Seq: 1, TreeSize: 2,
				LeafHash: "bGVhZmhhc2hsZWFmaGFzaGxlYWZoYXNobGVhZmhhc2g=", RootHash: "cm9vdGhhc2hyb290aGFzaHJvb3RoYXNocm9vdGhhc2g=", Hashes: []string{"c2libGluZ3NpYmxpbmdzaWJsaW5nc2libGluZ3NpYg=="}}},
				{Status: 400, Problem: true}, {Status: 404, Problem: true}}},
		{Name: "getConsistencyProof", Methods: getHead, Path: "/api/v1/ledger/proof/consistency", Access: accessLedger, Handler: s.needLedger(s.handleConsistencyProof), Tag: "ledger",
			Summary: "RFC 6962 consistency proof that the tree of ?to= events extends the tree of ?from=",
			Params:  []param{seqParam("from", "the older tree size", true), seqParam("to", "the newer tree size (default: the head)", false)},
			Responses: []response{{Status: 200, Body: consistencyProofResponse{}, Example: consistencyProofResponse{From: 1, To: 2,
				FromRoot: "cm9vdGhhc2hyb290aGFzaHJvb3RoYXNocm9vdGhhc2g=", ToRoot: "cm9vdGhhc2hyb290aGFzaHJvb3RoYXNocm9vdGhhc2g=", Hashes: []string{}}},
				{Status: 400, Problem: true}, {Status: 404, Problem: true}}},
	}
}

// needLedger answers 503 when the server has no Ledger.
func (s *Server) needLedger(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.Ledger == nil {
			writeProblem(w, r, problemOf(notReadyProblem, "This server's store does not serve the ledger routes."))
			return
		}
		h(w, r)
	}
}

// paramProblem is a 400 naming the query parameter and what is wrong.
func paramProblem(field, format string, args ...any) problem {
	p := problemOf(badParamProblem, field+": "+fmt.Sprintf(format, args...))
	p.Field = field
	return p
}

// uintParam parses the query parameter name as a non-negative integer; def
// is used when it is absent (ok=false with def<0 means it is required).
func uintParam(q url.Values, name string, def int64) (uint64, *problem) {
	v, present := q[name]
	if !present || v[0] == "" {
		if def < 0 {
			p := paramProblem(name, "required")
			return 0, &p
		}
		return uint64(def), nil
	}
	n, err := strconv.ParseUint(v[0], 10, 63)
	if err != nil {
		p := paramProblem(name, "%q is not a non-negative integer", v[0])
		return 0, &p
	}
	return n, nil
}

// ledgerError writes a problem for an error of the ledger package.
func (s *Server) ledgerError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, ledger.ErrBeyondHead):
		writeProblem(w, r, problemOf(beyondHeadProblem, err.Error()))
	case errors.Is(err, ledger.ErrInvalidRange):
		writeProblem(w, r, problemOf(badParamProblem, err.Error()))
	case errors.Is(err, ledger.ErrNoCheckpoint):
		writeProblem(w, r, problemOf(checkpointFailedKind, err.Error()))
	default:
		Error(w, r, err)
	}
}

// handleEventsList serves export lines from ?from= (default 0), at most
// ?limit= of them (default 1000, at most 10000), as JSON Lines: the same
// bytes as tdkt export. When more may follow, a Link header names the next
// page.
func (s *Server) handleEventsList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, p := uintParam(q, "from", 0)
	if p != nil {
		writeProblem(w, r, *p)
		return
	}
	limit, p := uintParam(q, "limit", DefaultEventsLimit)
	if p != nil {
		writeProblem(w, r, *p)
		return
	}
	if limit == 0 || limit > MaxEventsLimit {
		writeProblem(w, r, paramProblem("limit", "must be from 1 to %d", MaxEventsLimit))
		return
	}
	var buf []byte
	n := uint64(0)
	for e, err := range s.Ledger.ReadAll(r.Context(), from) {
		if err != nil {
			Error(w, r, err)
			return
		}
		buf = eventstore.AppendExportLine(buf, &e)
		buf = append(buf, '\n')
		n++
		if n == limit {
			break
		}
	}
	h := w.Header()
	h.Set("Content-Type", ExportLinesContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	if n == limit {
		h.Set("Link", fmt.Sprintf(`</api/v1/events?from=%d&limit=%d>; rel="next"`, from+n, limit))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf)
}

// handleLedgerKey serves the verifier key of the ledger's checkpoints.
func (s *Server) handleLedgerKey(w http.ResponseWriter, r *http.Request) {
	if s.VerifierKey == "" {
		writeProblem(w, r, problemOf(noSigningKeyProblem, "This ledger has no signing key configured (tdkt keys generate)."))
		return
	}
	writeText(w, NoteContentType, []byte(s.VerifierKey+"\n"))
}

// handleLedgerCheckpoint serves the latest signed checkpoint (signing one
// first if the tree has grown since).
func (s *Server) handleLedgerCheckpoint(w http.ResponseWriter, r *http.Request) {
	if s.Checkpoints == nil {
		writeProblem(w, r, problemOf(noSigningKeyProblem, "This ledger has no signing key configured (tdkt keys generate)."))
		return
	}
	msg, _, err := s.Checkpoints.Issue(r.Context())
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	writeText(w, NoteContentType, msg)
}

type inclusionProofResponse struct {
	Seq      uint64   `json:"seq"`
	TreeSize uint64   `json:"treeSize"`
	LeafHash string   `json:"leafHash"`
	RootHash string   `json:"rootHash"`
	Hashes   []string `json:"hashes"`
}

type consistencyProofResponse struct {
	From     uint64   `json:"from"`
	To       uint64   `json:"to"`
	FromRoot string   `json:"fromRoot"`
	ToRoot   string   `json:"toRoot"`
	Hashes   []string `json:"hashes"`
}

func b64(h tlog.Hash) string { return base64.StdEncoding.EncodeToString(h[:]) }

func b64s(hs []tlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = b64(h)
	}
	return out
}

// handleInclusionProof serves the inclusion proof of ?seq= in the tree of
// ?size= events (default: the current head), hashes in standard base64.
func (s *Server) handleInclusionProof(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	seq, p := uintParam(q, "seq", -1)
	if p != nil {
		writeProblem(w, r, *p)
		return
	}
	head, err := s.Ledger.Head(ctx)
	if err != nil {
		Error(w, r, err)
		return
	}
	size, p := uintParam(q, "size", int64(head))
	if p != nil {
		writeProblem(w, r, *p)
		return
	}
	if seq >= size {
		writeProblem(w, r, paramProblem("seq", "%d is not in a tree of %d events (seq must be less than size)", seq, size))
		return
	}
	hs, err := ledger.InclusionProof(ctx, s.Ledger, seq, size)
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	leaf, err := s.Ledger.ReadHashes(ctx, []int64{tlog.StoredHashIndex(0, int64(seq))})
	if err != nil {
		Error(w, r, err)
		return
	}
	root, err := ledger.Root(ctx, s.Ledger, size)
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, inclusionProofResponse{Seq: seq, TreeSize: size, LeafHash: b64(leaf[0]), RootHash: b64(root), Hashes: b64s(hs)})
}

// handleConsistencyProof serves the proof that the tree of ?to= events
// (default: the current head) extends the tree of ?from= events.
func (s *Server) handleConsistencyProof(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	from, p := uintParam(q, "from", -1)
	if p != nil {
		writeProblem(w, r, *p)
		return
	}
	head, err := s.Ledger.Head(ctx)
	if err != nil {
		Error(w, r, err)
		return
	}
	to, p := uintParam(q, "to", int64(head))
	if p != nil {
		writeProblem(w, r, *p)
		return
	}
	if from > to {
		writeProblem(w, r, paramProblem("from", "%d is larger than to (%d)", from, to))
		return
	}
	hs, err := ledger.ConsistencyProof(ctx, s.Ledger, from, to)
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	fromRoot, err := ledger.Root(ctx, s.Ledger, from)
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	toRoot, err := ledger.Root(ctx, s.Ledger, to)
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, consistencyProofResponse{From: from, To: to, FromRoot: b64(fromRoot), ToRoot: b64(toRoot), Hashes: b64s(hs)})
}

// handleEventReceipt serves one event's receipt: a C2SP tlog-proof file
// holding its export line, its inclusion proof and the signed checkpoint
// the proof is against (signed now if no checkpoint covers the event yet).
// tdkt verify --receipt FILE --key VKEY checks it offline.
func (s *Server) handleEventReceipt(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	seq, err := strconv.ParseUint(mux.Vars(r)["seq"], 10, 63)
	if err != nil {
		writeProblem(w, r, paramProblem("seq", "%q is not a seq", mux.Vars(r)["seq"]))
		return
	}
	if s.Checkpoints == nil {
		writeProblem(w, r, problemOf(noSigningKeyProblem, "This ledger has no signing key configured (tdkt keys generate): it cannot sign the checkpoint a receipt needs."))
		return
	}
	head, err := s.Ledger.Head(ctx)
	if err != nil {
		Error(w, r, err)
		return
	}
	if seq >= head {
		writeProblem(w, r, problemOf(beyondHeadProblem, fmt.Sprintf("No event with seq %d: the ledger holds %d events.", seq, head)))
		return
	}
	var line []byte
	for e, err := range s.Ledger.ReadAll(ctx, seq) {
		if err != nil {
			Error(w, r, err)
			return
		}
		line = eventstore.ExportLine(&e)
		break
	}
	msg, cp, err := s.Checkpoints.Covering(ctx, seq+1)
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	hs, err := ledger.InclusionProof(ctx, s.Ledger, seq, cp.Size)
	if err != nil {
		s.ledgerError(w, r, err)
		return
	}
	body := ledger.Receipt{Line: line, Seq: seq, Proof: hs, Checkpoint: msg}.Marshal()
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="tdkt-event-%d.tlog-proof"`, seq))
	writeText(w, NoteContentType, body)
}

// writeText writes b with content type ct and status 200.
func writeText(w http.ResponseWriter, ct string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}
