package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/mux"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// MaxCommandBytes is the largest command body accepted (1 MiB); a larger
// one is a 413.
const MaxCommandBytes = 1 << 20

// MaxIdempotencyKeyLen is the longest Idempotency-Key accepted.
const MaxIdempotencyKeyLen = 255

// Envelope members: top-level members of a command body that are not the
// command's own fields. They are taken out before the domain decodes the
// body strictly, unless the command itself has a field of that name.
const (
	// expectedRevisionMember is the revision the caller expects the
	// command's stream to be at (the same as If-Match).
	expectedRevisionMember = "expectedRevision"
	// legalBasisMember is the legal basis of the act, recorded in the
	// envelope: {"number": "123/QĐ-VKSTC", "date": "2024-03-01", "issuer": "VKSND tối cao"}.
	legalBasisMember = "legalBasis"
	// effectiveDateMember is the date the act takes effect ("2025-07-01"):
	// the envelope's effective date and the date the rules are judged on.
	// Absent, it is today in Vietnam. Records of past acts (a decision of
	// last March entered today, the demo sector) give it.
	effectiveDateMember = "effectiveDate"
)

// vietnam is the zone business dates are taken in (UTC+7, no daylight
// saving): a command at 23:30 UTC is the next day in Hà Nội.
var vietnam = time.FixedZone("ICT", 7*60*60)

var (
	unsupportedMediaProblem = problemKind{http.StatusUnsupportedMediaType, "urn:tdkt:problem:unsupported-media-type", "Unsupported media type (Sai kiểu nội dung)"}
	bodyTooLargeProblem     = problemKind{http.StatusRequestEntityTooLarge, "urn:tdkt:problem:body-too-large", "Request body too large (Nội dung quá lớn)"}
	malformedJSONProblem    = problemKind{http.StatusBadRequest, "urn:tdkt:problem:malformed-json", "Malformed JSON (JSON không hợp lệ)"}
	badHeaderProblem        = problemKind{http.StatusBadRequest, "urn:tdkt:problem:invalid-header", "Invalid header (Tiêu đề không hợp lệ)"}
	idempotencyProblem      = problemKind{http.StatusUnprocessableEntity, "urn:tdkt:problem:idempotency-key-reused", "Idempotency key reused (Khóa lặp lại đã dùng cho yêu cầu khác)"}
	noEventStoreProblem     = problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:unavailable", "Commands unavailable"}
)

// commandResult is the body of a command's response.
type commandResult struct {
	// Stream is the stream the command's events went to.
	Stream string `json:"stream"`
	// Revision is the stream's revision after the command; null when the
	// command recorded nothing on a stream that has no events.
	Revision *uint64 `json:"revision"`
	// Correlation ties the command's events together; null when nothing
	// was recorded.
	Correlation *string `json:"correlation"`
	// Events are the recorded events, in order; empty when the command was
	// an idempotent repeat the domain answered with no events.
	Events []recordedRef `json:"events"`
	// replayed: the answer of an Idempotency-Key already recorded.
	replayed bool
}

// ReplayedHeader is set ("true") on the answer to a retried request whose
// Idempotency-Key had already been recorded: nothing new was written.
const ReplayedHeader = "Idempotent-Replayed"

// recordedRef names one recorded event.
type recordedRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Seq  uint64 `json:"seq"`
}

// commandRequest is one command to run, decoded from HTTP.
type commandRequest struct {
	Name      string
	Principal Principal
	// Body is the command's own JSON, envelope members taken out.
	Body []byte
	// Expected is the revision the caller expects, or nil.
	Expected *uint64
	// Basis is the legal basis from the legalBasis member, or nil.
	Basis *eventstore.Basis
	// Effective is the effectiveDate member, or nil for today.
	Effective *domain.Date
	// Key is the Idempotency-Key, or "".
	Key string
	// Hash is the SHA-256 of the command name and the body as sent.
	Hash [sha256.Size]byte
}

// commandRoutes are the command routes: one POST per command of the
// domain's catalog, on one mux route.
func (s *Server) commandRoutes() []route {
	return []route{{
		Name: "runCommand", Methods: []string{http.MethodPost}, Path: "/api/v1/commands/{name}",
		Access: accessCommand, Handler: s.handleCommand, Tag: "commands",
		Summary: "Run a command of the domain's catalog (see the per-command paths for each body)",
	}}
}

// handleCommand runs POST /api/v1/commands/{name}: decode the request,
// run the command, encode the result. Nothing is written on any error.
func (s *Server) handleCommand(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["name"]
	p, _ := PrincipalFromContext(r.Context())
	if _, err := domain.CommandByName(name); err != nil {
		Error(w, r, err)
		return
	}
	if s.Events == nil {
		writeProblem(w, r, problemOf(noEventStoreProblem, "This server's store does not take commands."))
		return
	}
	if !mayRun(p.Role, name) {
		s.forbidden(w, r, &forbiddenError{p.Role, name, "the permission table does not grant this command to the role"})
		return
	}
	req, prob := decodeCommandRequest(w, r, name)
	if prob != nil {
		writeProblem(w, r, *prob)
		return
	}
	req.Principal = p

	// The same key from the same subject is answered once: concurrent
	// retries wait for the first.
	if req.Key != "" {
		unlock := s.idem.lock(p.Subject, req.Key)
		defer unlock()
		if c, ok := s.idem.get(p.Subject, req.Key); ok {
			if c.hash != req.Hash {
				writeProblem(w, r, problemOf(idempotencyProblem, "This Idempotency-Key was used for a different request; use a new key for a new request."))
				return
			}
			w.Header().Set(ReplayedHeader, "true")
			writeRaw(w, c.status, c.body)
			return
		}
	}
	status, res, err := s.runCommand(r.Context(), req)
	if err != nil {
		var fe *forbiddenError
		if errors.As(err, &fe) {
			s.forbidden(w, r, fe)
			return
		}
		if errors.Is(err, errIdempotencyMismatch) {
			writeProblem(w, r, problemOf(idempotencyProblem, "This Idempotency-Key was used for a different request; use a new key for a new request."))
			return
		}
		Error(w, r, err)
		return
	}
	body, err := json.Marshal(res)
	if err != nil {
		Error(w, r, err)
		return
	}
	body = append(body, '\n')
	if req.Key != "" {
		s.idem.put(p.Subject, req.Key, cachedResponse{hash: req.Hash, status: status, body: body})
	}
	if res.replayed {
		w.Header().Set(ReplayedHeader, "true")
	}
	writeRaw(w, status, body)
}

// forbidden writes a 403 naming the caller's role and the permission
// table's row for the command.
func (s *Server) forbidden(w http.ResponseWriter, r *http.Request, fe *forbiddenError) {
	p := problemOf(forbiddenProblem, fmt.Sprintf("Role %s may not run %s: %s. (Vai trò %s không được thực hiện lệnh %s.)",
		fe.Role, fe.Command, fe.Reason, fe.Role, fe.Command))
	p.Role = string(fe.Role)
	p.Permission = permissionText(fe.Command)
	writeProblem(w, r, p)
}

// writeRaw writes a JSON body already encoded.
func writeRaw(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// decodeCommandRequest reads and checks the HTTP side of a command:
// content type, size, JSON syntax, the envelope members, If-Match and
// Idempotency-Key. The command's own fields are left to the domain.
func decodeCommandRequest(w http.ResponseWriter, r *http.Request, name string) (commandRequest, *problem) {
	req := commandRequest{Name: name}
	fail := func(p problem) (commandRequest, *problem) { return commandRequest{}, &p }
	if prob := checkJSONContentType(r); prob != nil {
		return fail(*prob)
	}
	body, prob := readBody(w, r, MaxCommandBytes)
	if prob != nil {
		return fail(*prob)
	}
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(body)
	h.Sum(req.Hash[:0])

	var any_ any
	if err := json.Unmarshal(body, &any_); err != nil {
		return fail(malformedJSON(err))
	}
	if _, ok := any_.(map[string]any); !ok {
		return fail(problemOf(malformedJSONProblem, "The body must be one JSON object. (Nội dung phải là một đối tượng JSON.)"))
	}
	spec, _ := domain.CommandByName(name)
	own := jsonFieldNames(reflect.TypeOf(spec.New()))
	strip := map[string]bool{}
	for _, m := range []string{expectedRevisionMember, legalBasisMember, effectiveDateMember} {
		if !own[m] {
			strip[m] = true
		}
	}
	rest, members, prob := splitMembers(body, strip)
	if prob != nil {
		return fail(*prob)
	}
	req.Body = rest
	if raw, ok := members[expectedRevisionMember]; ok {
		var n uint64
		if err := json.Unmarshal(raw, &n); err != nil {
			p := problemOf(malformedJSONProblem, "expectedRevision: must be a non-negative integer. (expectedRevision phải là số nguyên không âm.)")
			p.Field = expectedRevisionMember
			return fail(p)
		}
		req.Expected = &n
	}
	if v := r.Header.Get("If-Match"); v != "" {
		n, err := strconv.ParseUint(strings.Trim(strings.TrimPrefix(v, "W/"), `"`), 10, 64)
		if err != nil {
			p := problemOf(badHeaderProblem, `If-Match: must be a stream revision, e.g. "3".`)
			p.Field = "If-Match"
			return fail(p)
		}
		if req.Expected != nil && *req.Expected != n {
			p := problemOf(badHeaderProblem, "If-Match and expectedRevision disagree.")
			p.Field = "If-Match"
			return fail(p)
		}
		req.Expected = &n
	}
	if raw, ok := members[legalBasisMember]; ok {
		var b struct {
			Number string `json:"number"`
			Date   string `json:"date"`
			Issuer string `json:"issuer"`
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&b); err != nil || b.Number == "" {
			p := problemOf(malformedJSONProblem, "legalBasis: must be {\"number\", \"date\", \"issuer\"} with a number. (legalBasis cần số văn bản.)")
			p.Field = legalBasisMember
			return fail(p)
		}
		if _, err := domain.ParseDocNumber(b.Number); err != nil {
			return fail(problem{Type: codeProblems[domain.EINVALID].Type, Title: codeProblems[domain.EINVALID].Title, Status: http.StatusBadRequest,
				Detail: "legalBasis.number: " + domain.ErrorMessage(err), Field: "legalBasis.number"})
		}
		if b.Date != "" {
			if _, err := domain.ParseDate(b.Date); err != nil {
				return fail(problem{Type: codeProblems[domain.EINVALID].Type, Title: codeProblems[domain.EINVALID].Title, Status: http.StatusBadRequest,
					Detail: "legalBasis.date: " + domain.ErrorMessage(err), Field: "legalBasis.date"})
			}
		}
		req.Basis = &eventstore.Basis{Number: b.Number, Date: b.Date, Issuer: b.Issuer}
	}
	if raw, ok := members[effectiveDateMember]; ok {
		var ds string
		d, err := domain.Date{}, json.Unmarshal(raw, &ds)
		if err == nil {
			d, err = domain.ParseDate(ds)
		}
		if err != nil {
			return fail(problem{Type: codeProblems[domain.EINVALID].Type, Title: codeProblems[domain.EINVALID].Title, Status: http.StatusBadRequest,
				Detail: "effectiveDate: must be a date YYYY-MM-DD. (effectiveDate phải là ngày dạng YYYY-MM-DD.)", Field: effectiveDateMember})
		}
		req.Effective = &d
	}
	if v, ok := r.Header["Idempotency-Key"]; ok {
		key := ""
		if len(v) == 1 {
			key = v[0]
		}
		if key == "" || len(key) > MaxIdempotencyKeyLen || strings.IndexFunc(key, func(r rune) bool { return r < 0x21 || r > 0x7e }) >= 0 {
			p := problemOf(badHeaderProblem, fmt.Sprintf("Idempotency-Key: one value of 1 to %d visible ASCII characters.", MaxIdempotencyKeyLen))
			p.Field = "Idempotency-Key"
			return fail(p)
		}
		req.Key = key
	}
	return req, nil
}

// checkJSONContentType answers 415 unless the body is application/json
// (in UTF-8, the only charset JSON has).
func checkJSONContentType(r *http.Request) *problem {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		if cs, ok := params["charset"]; !ok || strings.EqualFold(cs, "utf-8") {
			return nil
		}
	}
	if ct == "" {
		ct = "none"
	}
	p := problemOf(unsupportedMediaProblem, fmt.Sprintf("Commands take Content-Type application/json, not %s. (Lệnh cần nội dung application/json.)", ct))
	p.Field = "Content-Type"
	return &p
}

// readBody reads at most limit bytes of r's body: 413 beyond.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, *problem) {
	var buf bytes.Buffer
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit))
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		p := problemOf(bodyTooLargeProblem, fmt.Sprintf("The body is over %d bytes. (Nội dung vượt quá %d byte.)", mbe.Limit, mbe.Limit))
		return nil, &p
	case err != nil:
		p := problemOf(malformedJSONProblem, "The body could not be read: "+err.Error())
		return nil, &p
	}
	return buf.Bytes(), nil
}

// malformedJSON turns an encoding/json error into a 400 saying where.
func malformedJSON(err error) problem {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := se.Offset
		p := problemOf(malformedJSONProblem, fmt.Sprintf("Malformed JSON at byte %d: %s. (JSON không hợp lệ tại byte %d.)", off, se.Error(), off))
		p.Offset = &off
		return p
	}
	return problemOf(malformedJSONProblem, "Malformed JSON: "+err.Error())
}

// splitMembers takes the top-level members named in strip out of the JSON
// object body and returns the rest, byte for byte, and the members taken
// out. A member given twice at the top level is a 400.
func splitMembers(body []byte, strip map[string]bool) ([]byte, map[string]json.RawMessage, *problem) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if _, err := dec.Token(); err != nil { // '{'
		p := malformedJSON(err)
		return nil, nil, &p
	}
	members := map[string]json.RawMessage{}
	seen := map[string]bool{}
	var rest bytes.Buffer
	rest.WriteByte('{')
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			p := malformedJSON(err)
			return nil, nil, &p
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			p := malformedJSON(err)
			return nil, nil, &p
		}
		if seen[key] {
			p := problemOf(malformedJSONProblem, fmt.Sprintf("%s: given twice. (Trường %s bị lặp.)", key, key))
			p.Field = key
			return nil, nil, &p
		}
		seen[key] = true
		if strip[key] {
			members[key] = raw
			continue
		}
		if rest.Len() > 1 {
			rest.WriteByte(',')
		}
		k, _ := json.Marshal(key)
		rest.Write(k)
		rest.WriteByte(':')
		rest.Write(raw)
	}
	rest.WriteByte('}')
	return rest.Bytes(), members, nil
}

// jsonFieldNames returns the JSON names of a struct type's fields.
func jsonFieldNames(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	if t == nil {
		return out
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return out
	}
	for _, f := range reflect.VisibleFields(t) {
		if name, _, ok := jsonName(f); ok {
			out[name] = true
		}
	}
	return out
}

// errIdempotencyMismatch: an Idempotency-Key already recorded a different
// request.
var errIdempotencyMismatch = errors.New("idempotency key reused for a different request")

// idemNamespace is the namespace of the name-based (v5) ids derived from
// Idempotency-Keys.
var idemNamespace = uuid.MustParse("6f1d3c0a-8b9e-4e57-9d2c-1a7e5b4f3c21")

// IdempotentEventID is the id of the i-th event a command sent with
// Idempotency-Key key by the token's subject records: the same on every
// retry, so the store itself recognises a retried append and a retry after
// a restart finds what the first try recorded. A client can compute the ids
// its request will have before it sends it.
func IdempotentEventID(subject, key string, i int) uuid.UUID { return idemEventID(subject, key, i) }

func idemEventID(subject, key string, i int) uuid.UUID {
	return uuid.NewSHA1(idemNamespace, []byte("event\x00"+subject+"\x00"+key+"\x00"+strconv.Itoa(i)))
}

// idemCorrelation is the correlation id of the command sent with key by
// subject with body hash: a retry with another body has another one.
func idemCorrelation(subject, key string, hash [sha256.Size]byte) uuid.UUID {
	return uuid.NewSHA1(idemNamespace, []byte("correlation\x00"+subject+"\x00"+key+"\x00"+hex.EncodeToString(hash[:])))
}

// runCommand runs one command: decode strictly, validate, check the
// token's scope, fold the streams the decider needs, decide, encode and
// append with the expected revision. It returns the HTTP status (201 when
// events were recorded, 200 when the domain decided nothing) and the
// result. Nothing is written when it returns an error.
func (s *Server) runCommand(ctx context.Context, req commandRequest) (int, commandResult, error) {
	spec, err := domain.CommandByName(req.Name)
	if err != nil {
		return 0, commandResult{}, err
	}
	cmd, err := spec.Decode(req.Body)
	if err != nil {
		return 0, commandResult{}, err
	}
	if err := cmd.Validate(); err != nil {
		return 0, commandResult{}, err
	}
	actingUnit, err := s.authorizeScope(ctx, req.Principal, req.Name, cmd, req.Body)
	if err != nil {
		return 0, commandResult{}, err
	}

	head, err := s.Events.Head(ctx)
	if err != nil {
		return 0, commandResult{}, err
	}
	stream := cmd.Stream()
	var idem *idemCheck
	if req.Key != "" {
		idem = &idemCheck{first: idemEventID(req.Principal.Subject, req.Key, 0),
			subject: req.Principal.Subject, key: req.Key, correlation: idemCorrelation(req.Principal.Subject, req.Key, req.Hash)}
	}
	target, err := s.fold(ctx, stream, head, idem)
	if err != nil {
		return 0, commandResult{}, err
	}
	if idem != nil && len(idem.found) > 0 {
		// A retry of a command already recorded: answer as the first time.
		if idem.mismatch {
			return 0, commandResult{}, errIdempotencyMismatch
		}
		last := idem.found[len(idem.found)-1]
		res := commandResult{Stream: stream, Revision: &last.Revision, Correlation: ptr(last.Correlation.String()), replayed: true}
		for _, e := range idem.found {
			res.Events = append(res.Events, recordedRef{ID: e.ID.String(), Type: e.Type, Seq: e.Seq})
		}
		return http.StatusCreated, res, nil
	}
	if req.Expected != nil && (!target.exists || target.revision != *req.Expected) {
		actual := eventstore.NoRevision
		if target.exists {
			actual = int64(target.revision)
		}
		return 0, commandResult{}, &eventstore.ConcurrencyError{Stream: stream, Expected: eventstore.Exact(*req.Expected), Actual: actual}
	}

	reads := map[string]domain.State{}
	for _, rs := range cmd.Reads() {
		if rs == stream {
			continue
		}
		f, err := s.fold(ctx, rs, head, nil)
		if err != nil {
			return 0, commandResult{}, err
		}
		reads[rs] = f.state
	}
	if cy, ok := cmd.(domain.ClustersOfYear); ok {
		streams, err := s.clusterStreams(ctx, cy.ClustersYear(), head)
		if err != nil {
			return 0, commandResult{}, err
		}
		for _, cs := range streams {
			if _, done := reads[cs]; done || cs == stream {
				continue
			}
			f, err := s.fold(ctx, cs, head, nil)
			if err != nil {
				return 0, commandResult{}, err
			}
			reads[cs] = f.state
		}
	}
	now := domain.DateOf(s.now().In(vietnam))
	if req.Effective != nil {
		now = *req.Effective
	}
	evs, err := domain.Decide(target.state, cmd, now, domain.Env{Reads: reads, BasedOnSeq: head, Policy: s.Policy})
	if err != nil {
		return 0, commandResult{}, err
	}
	if len(evs) == 0 {
		res := commandResult{Stream: stream, Events: []recordedRef{}}
		if target.exists {
			res.Revision = &target.revision
		}
		return http.StatusOK, res, nil
	}

	correlation, err := s.newID()
	if err != nil {
		return 0, commandResult{}, err
	}
	if idem != nil {
		correlation = idem.correlation
	}
	basis := req.Basis
	if basis == nil {
		basis = basisOf(cmd)
	}
	actor := &eventstore.Actor{Subject: req.Principal.Subject, Role: string(req.Principal.Role), Unit: actingUnit}
	envs := make([]eventstore.Event, len(evs))
	for i, e := range evs {
		typ, schema, data, err := domain.Encode(e)
		if err != nil {
			return 0, commandResult{}, err
		}
		var id uuid.UUID
		if idem != nil {
			id = idemEventID(req.Principal.Subject, req.Key, i)
		} else if id, err = s.newID(); err != nil {
			return 0, commandResult{}, err
		}
		eff := eventstore.Effective{Date: now.String()}
		if ys, ok := e.(domain.YearScoped); ok {
			eff.Year = ys.EvalYear()
		}
		envs[i] = eventstore.Event{ID: id, Type: typ, Schema: schema, Effective: eff, Actor: actor,
			Basis: basis, Correlation: correlation, Data: data}
	}
	expected := eventstore.NoStream
	if target.exists {
		expected = eventstore.Exact(target.revision)
	}
	start := time.Now()
	ar, err := s.Events.Append(ctx, stream, expected, envs...)
	s.metrics.observeAppend(time.Since(start), err)
	if err != nil {
		if idem != nil && errors.Is(err, eventstore.ErrIDConflict) {
			return 0, commandResult{}, errIdempotencyMismatch
		}
		return 0, commandResult{}, fmt.Errorf("append %s: %w", stream, err)
	}
	res := commandResult{Stream: ar.Stream, Revision: &ar.Revision, Correlation: ptr(correlation.String())}
	for _, e := range ar.Events {
		res.Events = append(res.Events, recordedRef{ID: e.ID.String(), Type: e.Type, Seq: e.Seq})
	}
	return http.StatusCreated, res, nil
}

func ptr[T any](v T) *T { return &v }

// idemCheck looks, while a stream is folded, for the events an earlier try
// of the same keyed command recorded.
type idemCheck struct {
	subject, key string
	first        uuid.UUID
	correlation  uuid.UUID
	found        []eventstore.RecordedEvent
	mismatch     bool
}

func (c *idemCheck) see(e eventstore.RecordedEvent) {
	switch {
	case len(c.found) == 0 && e.ID == c.first:
		c.found = append(c.found, e)
		c.mismatch = e.Correlation != c.correlation
	case len(c.found) > 0 && e.ID == idemEventID(c.subject, c.key, len(c.found)):
		c.found = append(c.found, e)
	}
}

// folded is a stream folded with the domain's Evolve.
type folded struct {
	state    domain.State
	exists   bool
	revision uint64
}

// fold reads stream and folds its events recorded before head (the ledger
// as the decider sees it) with domain.Evolve. Events from head on are
// skipped: the append's expected revision then fails with 409, as it
// should. idem, if not nil, sees every event.
func (s *Server) fold(ctx context.Context, stream string, head uint64, idem *idemCheck) (folded, error) {
	st, err := domain.NewState(stream)
	if err != nil {
		return folded{}, err
	}
	f := folded{state: st}
	for e, err := range s.Events.ReadStream(ctx, stream, 0) {
		if err != nil {
			return folded{}, fmt.Errorf("read %s: %w", stream, err)
		}
		if idem != nil {
			idem.see(e)
		}
		if e.Seq >= head {
			continue
		}
		ev, err := domain.Decode(e.Type, e.Schema, e.Data)
		if err != nil {
			return folded{}, fmt.Errorf("read %s at revision %d: %w", stream, e.Revision, err)
		}
		f.state = domain.Evolve(f.state, ev)
		f.exists, f.revision = true, e.Revision
	}
	return f, nil
}

// clusterStreams returns the streams of the clusters formed for year: from
// ClusterStreams if set, else by scanning the ledger up to head.
func (s *Server) clusterStreams(ctx context.Context, year int, head uint64) ([]string, error) {
	if s.ClusterStreams != nil {
		return s.ClusterStreams(ctx, year)
	}
	var out []string
	for e, err := range s.Events.ReadAll(ctx, 0) {
		if err != nil {
			return nil, err
		}
		if e.Seq >= head {
			break
		}
		if e.Type != domain.EventClusterFormed {
			continue
		}
		ev, err := domain.Decode(e.Type, e.Schema, e.Data)
		if err != nil {
			return nil, err
		}
		if ys, ok := ev.(domain.YearScoped); ok && ys.EvalYear() == year {
			out = append(out, e.Stream)
		}
	}
	return out, nil
}

// docNumberType is the type of document numbers in commands.
var docNumberType = reflect.TypeFor[domain.DocNumber]()

// basisOf returns the legal basis a command carries in its own fields:
// its first non-empty document number (decisionNo, docNo), or nil.
func basisOf(cmd domain.Command) *eventstore.Basis {
	v := reflect.ValueOf(cmd)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	for i := range v.NumField() {
		if v.Type().Field(i).Type != docNumberType {
			continue
		}
		d, _ := v.Field(i).Interface().(domain.DocNumber)
		if !d.IsZero() {
			return &eventstore.Basis{Number: d.String()}
		}
	}
	return nil
}
