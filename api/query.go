package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/gorilla/mux"
	"golang.org/x/text/unicode/norm"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/projections"
)

// The query routes (DESIGN.md "Interfaces" → Queries) answer from the
// projections' read models. Every one takes asOf (a seq, or an RFC 3339
// time mapped to the last seq recorded at or before it) and answers from
// the ledger exactly as it stood then; the response's ETag names the seq
// answered from ("seq-41"; "seq-none" for an answer from no events), and
// If-None-Match with it gives 304. Lists that grow (units, awards, a
// stream's audit trail) page with cursors that pin the seq of the first
// page, so later pages never shift while the ledger grows.

// StandingsQuery is what the standings route and page read
// (*projections.Standings).
type StandingsQuery interface {
	// Cluster returns one cluster's standings for year.
	Cluster(ctx context.Context, asOf projections.AsOf, year int, clusterID string) (projections.ClusterStandings, error)
	// Sector returns every cluster's standings for year.
	Sector(ctx context.Context, asOf projections.AsOf, year int) (projections.SectorStandings, error)
}

// ReorganizationQuery is what the reorganization report reads
// (*projections.Reorganization).
type ReorganizationQuery interface {
	// Report builds the report for year.
	Report(ctx context.Context, asOf projections.AsOf, year int) (projections.ReorganizationReport, error)
	// PlanReconstruction replays the decision on a reorganization plan to
	// the seq its deciders saw. It returns a domain error with ENOTFOUND
	// if no decision on the plan was recorded by asOf.
	PlanReconstruction(ctx context.Context, asOf projections.AsOf, planID string) (projections.PlanReconstruction, error)
}

// UnitsQuery is what the units routes read (*projections.Units).
type UnitsQuery interface {
	// List returns every unit, sorted by Vietnamese name.
	List(ctx context.Context, asOf projections.AsOf) ([]projections.Unit, error)
	// Get returns one unit or a domain error with ENOTFOUND.
	Get(ctx context.Context, asOf projections.AsOf, id string) (projections.Unit, error)
}

// ClustersQuery is what the clusters routes read (*projections.Clusters).
type ClustersQuery interface {
	// List returns the clusters and blocks of year.
	List(ctx context.Context, asOf projections.AsOf, year int) ([]projections.Cluster, error)
	// Get returns one cluster for year or a domain error with ENOTFOUND.
	Get(ctx context.Context, asOf projections.AsOf, id string, year int) (projections.Cluster, error)
}

// AwardsQuery is what the awards routes read (*projections.Awards).
type AwardsQuery interface {
	// List returns the awards f selects, in a stable order.
	List(ctx context.Context, asOf projections.AsOf, f projections.AwardFilter) ([]projections.Award, error)
	// Get returns one award or a domain error with ENOTFOUND.
	Get(ctx context.Context, asOf projections.AsOf, id string) (projections.Award, error)
}

// AuditQuery is what the audit-trail route and the history page read
// (*projections.Audit).
type AuditQuery interface {
	// Stream returns a stream's audit trail in revision order, or a domain
	// error with ENOTFOUND when it has no events.
	Stream(ctx context.Context, asOf projections.AsOf, stream string) ([]projections.AuditEntry, error)
	// Head returns the number of events in the ledger: a latest trail is
	// read from the ledger itself, not from a projection.
	Head(ctx context.Context) (uint64, error)
}

// DeadlinesQuery is what the deadlines route reads (*projections.Deadlines).
type DeadlinesQuery interface {
	// Year returns every proposal of year against its deadline, judged on
	// the date on.
	Year(ctx context.Context, asOf projections.AsOf, year int, on domain.Date) ([]projections.DossierDeadline, error)
}

// ProjectionStatus reports the projections' checkpoints
// (*projections.Runner).
type ProjectionStatus interface {
	// Status returns every projection's checkpoint, lag and error.
	Status(ctx context.Context) ([]projections.Status, error)
}

// Queries are the read models the query routes and the pages answer from.
// A nil query makes its routes answer 503; Projections is needed by every
// query route (the ETag of a latest answer is its projection's checkpoint)
// and by /readyz (not ready until the projections caught up once).
type Queries struct {
	Standings      StandingsQuery
	Reorganization ReorganizationQuery
	Units          UnitsQuery
	Clusters       ClustersQuery
	Awards         AwardsQuery
	Audit          AuditQuery
	Deadlines      DeadlinesQuery
	Councils       CouncilsQuery
	Registrations  RegistrationsQuery
	Initiatives    InitiativesQuery
	Eligibility    EligibilityQuery
	Projections    ProjectionStatus
}

// Paging of the lists that grow.
const (
	DefaultPageLimit = 100
	MaxPageLimit     = 1000
)

var noReadModelProblem = problemKind{http.StatusServiceUnavailable, "urn:tdkt:problem:no-read-model", "Read model not available"}

// queryRoutes are the query routes of DESIGN.md "Interfaces".
func (s *Server) queryRoutes() []route {
	asOf := param{Name: "asOf", In: "query", Type: "string",
		Description: "answer from the ledger as it stood at this seq (an integer) or RFC 3339 time; default: the latest"}
	year := func(required bool, desc string) param {
		return param{Name: "year", In: "query", Type: "integer", Required: required, Description: desc}
	}
	inm := param{Name: "If-None-Match", In: "header", Type: "string", Description: `an ETag of an earlier answer ("seq-N"): 304 if the answer is the same`}
	cursor := param{Name: "cursor", In: "query", Type: "string", Description: "the next page, from the previous page's next link (it pins the asOf of the first page)"}
	limit := param{Name: "limit", In: "query", Type: "integer", Description: fmt.Sprintf("items per page (1–%d, default %d)", MaxPageLimit, DefaultPageLimit)}
	ok := func(body, example any) []response {
		return []response{{Status: 200, Body: body, Example: example}, {Status: 304}, {Status: 400, Problem: true},
			{Status: 404, Problem: true}, {Status: 503, Problem: true}}
	}
	return []route{
		{Name: "getStandings", Methods: getHead, Path: "/api/v1/standings", Access: accessStandings, Handler: s.handleStandings, Tag: "queries",
			Summary:   "Bảng xếp hạng thi đua: every cluster's standings for ?year= (or one ?cluster=)",
			Params:    []param{year(true, "the evaluation year"), {Name: "cluster", In: "query", Type: "string", Description: "one cluster or block id"}, asOf, inm},
			Responses: ok(standingsResponse{}, nil)},
		{Name: "getReorganizationReport", Methods: getHead, Path: "/api/v1/reports/reorganization", Access: accessStandings, Handler: s.handleReorganizationReport, Tag: "queries",
			Summary: "Báo cáo phương án tổ chức lại cụm, khối thi đua for ?year=, as JSON, CSV, HTML (printable) or XLSX",
			Params: []param{year(true, "the year the reorganization takes effect"),
				{Name: "format", In: "query", Type: "string", Description: "json (default), csv, html or xlsx"}, asOf, inm},
			Responses: []response{{Status: 200, Body: reportResponse{}, Also: []string{reportFormats["csv"], reportFormats["html"], reportFormats["xlsx"]}},
				{Status: 304}, {Status: 400, Problem: true}, {Status: 404, Problem: true}, {Status: 503, Problem: true}}},
		{Name: "listUnits", Methods: getHead, Path: "/api/v1/units", Access: accessRead, Handler: s.handleUnitsList, Tag: "queries",
			Summary: "Every unit ever established, with its lineage, by Vietnamese name (paged)",
			Params:  []param{asOf, cursor, limit, inm}, Responses: ok(listResponse[projections.Unit]{}, nil)},
		{Name: "getUnit", Methods: getHead, Path: "/api/v1/units/{id}", Access: accessRead, Handler: s.handleUnitGet, Tag: "queries",
			Summary: "One unit with its names and lineage", Params: []param{asOf, inm}, Responses: ok(unitResponse{}, nil)},
		{Name: "listClusters", Methods: getHead, Path: "/api/v1/clusters", Access: accessRead, Handler: s.handleClustersList, Tag: "queries",
			Summary: "The clusters and blocks of ?year=, with members, leadership and the council member in charge",
			Params:  []param{year(false, "default: this year in Vietnam"), asOf, inm}, Responses: ok(clustersResponse{}, nil)},
		{Name: "getCluster", Methods: getHead, Path: "/api/v1/clusters/{id}", Access: accessRead, Handler: s.handleClusterGet, Tag: "queries",
			Summary: "One cluster or block as in ?year=", Params: []param{year(false, "default: this year in Vietnam"), asOf, inm},
			Responses: ok(clusterResponse{}, nil)},
		{Name: "listAwards", Methods: getHead, Path: "/api/v1/awards", Access: accessRead, Handler: s.handleAwardsList, Tag: "queries",
			Summary: "The awards register, by year, title and name (paged); revoked awards are listed, marked revoked",
			Params: []param{year(false, "the evaluation year"), {Name: "unit", In: "query", Type: "string", Description: "awards to this unit"},
				{Name: "title", In: "query", Type: "string", Description: "an award kind code, e.g. CSTD_CO_SO"}, asOf, cursor, limit, inm},
			Responses: ok(listResponse[projections.Award]{}, nil)},
		{Name: "getAward", Methods: getHead, Path: "/api/v1/awards/{id}", Access: accessRead, Handler: s.handleAwardGet, Tag: "queries",
			Summary: "One award with its decision, amendments, conferral and revocation", Params: []param{asOf, inm},
			Responses: ok(awardResponse{}, nil)},
		{Name: "getStreamAudit", Methods: getHead, Path: "/api/v1/streams/{stream}", Access: accessRead, Handler: s.handleStreamAudit, Tag: "queries",
			Summary: "One record's audit trail: every event of the stream with actor, legal basis and dates (paged)",
			Params:  []param{asOf, cursor, limit, inm}, Responses: ok(listResponse[auditEntry]{}, nil)},
		{Name: "listDeadlines", Methods: getHead, Path: "/api/v1/deadlines", Access: accessRead, Handler: s.handleDeadlines, Tag: "queries",
			Summary:   "Each award proposal of ?year= against its published dossier deadline, judged on ?on=",
			Params:    []param{year(true, "the evaluation year"), {Name: "on", In: "query", Type: "string", Description: "the date to judge on (YYYY-MM-DD); default: today in Vietnam"}, asOf, inm},
			Responses: ok(deadlinesResponse{}, nil)},
	}
}

// Response bodies. Each carries asOfSeq: the number of ledger events the
// answer was built from (the ETag names the last of them, asOfSeq-1).

type standingsResponse struct {
	projections.SectorStandings
}

type reportResponse struct {
	projections.ReorganizationReport
}

type listResponse[T any] struct {
	AsOfSeq uint64 `json:"asOfSeq"`
	Items   []T    `json:"items"`
	// Next is the link to the next page; absent on the last.
	Next string `json:"next,omitempty"`
}

type unitResponse struct {
	projections.Unit
	AsOfSeq uint64 `json:"asOfSeq"`
}

type clustersResponse struct {
	AsOfSeq uint64                `json:"asOfSeq"`
	Year    int                   `json:"year"`
	Items   []projections.Cluster `json:"items"`
}

type clusterResponse struct {
	projections.Cluster
	AsOfSeq uint64 `json:"asOfSeq"`
}

type awardResponse struct {
	projections.Award
	AsOfSeq uint64 `json:"asOfSeq"`
}

// auditEntry is one event of a record's audit trail, with what happened
// in Vietnamese words.
type auditEntry struct {
	projections.AuditEntry
	// Label says what happened, in Vietnamese (the type when unknown).
	Label string `json:"label"`
	// Stream is the record's stream.
	Stream string `json:"stream"`
}

type deadlinesResponse struct {
	AsOfSeq uint64                        `json:"asOfSeq"`
	Year    int                           `json:"year"`
	On      string                        `json:"on"`
	Items   []projections.DossierDeadline `json:"items"`
}

// ---------------------------------------------------------------------------
// asOf, ETags and cursors.

// point is where in the ledger a query answers from.
type point struct {
	// asOf is what the query is asked with.
	asOf projections.AsOf
	// latest: the projection's checkpoint (upTo known only after asking).
	latest bool
	// upTo is the number of events answered from, when not latest.
	upTo uint64
}

// etag returns the ETag of an answer from upTo events, with extra (a
// parameter the answer depends on besides the URL's, e.g. the clock's date)
// appended.
func etag(upTo uint64, extra string) string {
	s := "seq-none"
	if upTo > 0 {
		s = "seq-" + strconv.FormatUint(upTo-1, 10)
	}
	if extra != "" {
		s += "-" + extra
	}
	return `"` + s + `"`
}

// matchETag reports whether an If-None-Match header value h names tag
// (weak or strong, or *).
func matchETag(h, tag string) bool {
	if h == "" {
		return false
	}
	for c := range strings.SplitSeq(h, ",") {
		c = strings.TrimSpace(c)
		if c == "*" || strings.TrimPrefix(c, "W/") == tag {
			return true
		}
	}
	return false
}

// resolve reads the asOf parameter. A seq must be recorded already; a time
// becomes the number of events recorded at or before it (by recordedAt,
// transaction time, as the projections count it), then the seq of the
// last of them, so the ETag is known before the query runs.
func (s *Server) resolve(ctx context.Context, raw string) (point, error) {
	a, err := projections.ParseAsOf(raw)
	if err != nil {
		return point{}, err
	}
	return s.resolveAsOf(ctx, a)
}

func (s *Server) resolveAsOf(ctx context.Context, a projections.AsOf) (point, error) {
	if a.IsLatest() {
		return point{asOf: a, latest: true}, nil
	}
	head, err := s.Store.Head(ctx)
	if err != nil {
		return point{}, err
	}
	if n, ok := a.Seq(); ok {
		if n >= head {
			return point{}, domain.Errorf(domain.ENOTFOUND, "asOf: seq %d is not recorded yet (head %d)", n, head)
		}
		return point{asOf: a, upTo: n + 1}, nil
	}
	t, _ := a.Time()
	upTo, err := s.times.count(ctx, s.Events, head, t)
	if err != nil {
		return point{}, err
	}
	if upTo == 0 {
		return point{asOf: a}, nil
	}
	return point{asOf: projections.AtSeq(upTo - 1), upTo: upTo}, nil
}

// timeIndex maps seq to recordedAt like the projections' own index (which
// is unexported): for each seq the greatest recordedAt of events 0…seq, so
// "the ledger at t" is the longest prefix recorded entirely at or before t.
// It grows from the ledger as time queries ask for it.
type timeIndex struct {
	mu    sync.Mutex
	times []int64
}

func (x *timeIndex) count(ctx context.Context, feed EventStore, head uint64, t time.Time) (uint64, error) {
	if feed == nil {
		return 0, errors.New("asOf by time: the server has no event feed")
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if from := uint64(len(x.times)); from < head {
		for rec, err := range feed.ReadAll(ctx, from) {
			if err != nil {
				return 0, fmt.Errorf("asOf by time: %w", err)
			}
			if rec.Seq >= head {
				break
			}
			if rec.Seq != uint64(len(x.times)) {
				return 0, fmt.Errorf("asOf by time: feed gap at seq %d", rec.Seq)
			}
			v := rec.RecordedAt.UnixNano()
			if n := len(x.times); n > 0 && x.times[n-1] > v {
				v = x.times[n-1]
			}
			x.times = append(x.times, v)
		}
	}
	n := t.UnixNano()
	limit := min(int(head), len(x.times))
	return uint64(sort.Search(limit, func(i int) bool { return x.times[i] > n })), nil
}

// checkpoint returns how many events projection name has folded.
func (s *Server) checkpoint(ctx context.Context, name string) (uint64, error) {
	st, err := s.Queries.Projections.Status(ctx)
	if err != nil {
		return 0, err
	}
	for _, p := range st {
		if p.Name == name {
			if p.Error != "" {
				return 0, fmt.Errorf("projection %s stopped: %s", name, p.Error)
			}
			return p.Checkpoint, nil
		}
	}
	return 0, fmt.Errorf("%w: %s", projections.ErrUnknownProjection, name)
}

// errNotModified: the request's If-None-Match names the answer's ETag.
var errNotModified = errors.New("not modified")

// answer runs q at pt against projection proj and returns the number of
// events it answered from. A latest answer is pinned by reading the
// checkpoint before and after: if the projection moved meanwhile, q runs
// again at the later checkpoint, so the ETag always names what was
// answered. When inm (an If-None-Match header) names the ETag, known
// before the query runs, answer returns errNotModified without running it.
func (s *Server) answer(ctx context.Context, inm string, pt point, proj, extra string, q func(projections.AsOf) error) (uint64, error) {
	if !pt.latest {
		if matchETag(inm, etag(pt.upTo, extra)) {
			return pt.upTo, errNotModified
		}
		return pt.upTo, q(pt.asOf)
	}
	c1, err := s.checkpoint(ctx, proj)
	if err != nil {
		return 0, err
	}
	if matchETag(inm, etag(c1, extra)) {
		return c1, errNotModified
	}
	// The live model answers at whatever it has folded; the checkpoint
	// read before and after brackets it. If the projection moved meanwhile
	// (it is catching up), ask the live model again rather than replaying
	// the feed to pin the answer (an as-of answer folds the ledger from seq
	// 0: under load while catching up, every request would). After a few
	// tries the answer is given with the later checkpoint: it was folded
	// from at least the first checkpoint's events and at most the later
	// one's (so its ETag may name a few events it does not hold yet).
	for try := 0; ; try++ {
		if err := q(projections.Latest()); err != nil {
			return 0, err
		}
		c2, err := s.checkpoint(ctx, proj)
		if err != nil {
			return 0, err
		}
		if c2 == c1 || try == 2 {
			return c2, nil
		}
		c1 = c2
	}
}

// failed writes err, if any: 304 for errNotModified (with the ETag of an
// answer from upTo events), a problem otherwise.
func failed(w http.ResponseWriter, r *http.Request, err error, upTo uint64, extra string) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, errNotModified):
		h := w.Header()
		h.Set("ETag", etag(upTo, extra))
		h.Set("Cache-Control", "private, no-cache")
		w.WriteHeader(http.StatusNotModified)
	default:
		Error(w, r, err)
	}
	return true
}

// writeAnswer writes v as JSON with the ETag of an answer from upTo events.
// Answers may be cached by the client but must be revalidated (a latest
// answer changes as the ledger grows).
func writeAnswer(w http.ResponseWriter, upTo uint64, extra string, v any) {
	h := w.Header()
	h.Set("ETag", etag(upTo, extra))
	h.Set("Cache-Control", "private, no-cache")
	writeJSONCached(w, http.StatusOK, v)
}

// writeJSONCached is writeJSON without its Cache-Control: no-store.
func writeJSONCached(w http.ResponseWriter, status int, v any) {
	buf, err := json.Marshal(v)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, problem{Type: codeProblems[domain.EINTERNAL].Type, Status: 500, Title: "Internal error", Detail: "Internal error."})
		return
	}
	buf = append(buf, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(buf)))
	w.WriteHeader(status)
	_, _ = w.Write(buf)
}

// page is one page of a list: where it starts and how long it may be.
type page struct {
	offset int
	limit  int
}

// cursor is "<upTo>.<offset>" in base64url: the events the first page
// answered from, and where the next page starts.
func encodeCursor(upTo uint64, offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatUint(upTo, 10) + "." + strconv.Itoa(offset)))
}

func decodeCursor(c string) (upTo uint64, offset int, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, 0, false
	}
	a, b, found := strings.Cut(string(raw), ".")
	if !found {
		return 0, 0, false
	}
	upTo, err = strconv.ParseUint(a, 10, 63)
	if err != nil || upTo == 0 {
		return 0, 0, false
	}
	offset, err = strconv.Atoi(b)
	if err != nil || offset < 0 {
		return 0, 0, false
	}
	return upTo, offset, true
}

// paged reads asOf, cursor and limit. With a cursor, the cursor's point
// is used and asOf must be absent.
func (s *Server) paged(ctx context.Context, q url.Values) (point, page, error) {
	pg := page{limit: DefaultPageLimit}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPageLimit {
			return point{}, pg, domain.Errorf(domain.EINVALID, "limit: %q is not a number from 1 to %d", v, MaxPageLimit)
		}
		pg.limit = n
	}
	c := q.Get("cursor")
	if c == "" {
		pt, err := s.resolve(ctx, q.Get("asOf"))
		return pt, pg, err
	}
	if q.Get("asOf") != "" {
		return point{}, pg, domain.Errorf(domain.EINVALID, "asOf: not allowed with cursor (the cursor keeps the first page's asOf)")
	}
	upTo, off, ok := decodeCursor(c)
	if !ok {
		return point{}, pg, domain.Errorf(domain.EINVALID, "cursor: %q is not a cursor this server issued", c)
	}
	head, err := s.Store.Head(ctx)
	if err != nil {
		return point{}, pg, err
	}
	if upTo > head {
		return point{}, pg, domain.Errorf(domain.EINVALID, "cursor: %q is beyond the ledger head", c)
	}
	pg.offset = off
	return point{asOf: projections.AtSeq(upTo - 1), upTo: upTo}, pg, nil
}

// cut returns items' page and the link to the next page ("" on the last).
func cut[T any](r *http.Request, items []T, upTo uint64, pg page) ([]T, string) {
	if pg.offset >= len(items) {
		return []T{}, ""
	}
	end := min(pg.offset+pg.limit, len(items))
	out := items[pg.offset:end]
	if end == len(items) || upTo == 0 {
		return out, ""
	}
	q := r.URL.Query()
	q.Del("asOf")
	q.Set("cursor", encodeCursor(upTo, end))
	q.Set("limit", strconv.Itoa(pg.limit))
	return out, r.URL.Path + "?" + q.Encode()
}

// setNextLink sets the Link header of a page (RFC 8288).
func setNextLink(w http.ResponseWriter, next string) {
	if next != "" {
		w.Header().Set("Link", "<"+next+`>; rel="next"`)
	}
}

// yearParam reads the year parameter; def 0 with required set makes it
// required.
func yearParam(q url.Values, required bool, def int) (int, error) {
	v := q.Get("year")
	if v == "" {
		if required {
			return 0, domain.Errorf(domain.EINVALID, "year: required")
		}
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1900 || n > 9999 {
		return 0, domain.Errorf(domain.EINVALID, "year: %q is not a year", v)
	}
	return n, nil
}

// today is the business date: today in Vietnam by the server's clock.
func (s *Server) today() domain.Date { return domain.DateOf(s.now().In(vietnam)) }

func pathVar(r *http.Request, name string) string { return mux.Vars(r)[name] }

// need answers 503 when a read model is not configured.
func need(w http.ResponseWriter, r *http.Request, ok bool, what string) bool {
	if !ok {
		writeProblem(w, r, problemOf(noReadModelProblem, "This server has no "+what+" read model (projections are not running)."))
	}
	return ok
}

func (s *Server) haveProjections() bool { return s.Queries.Projections != nil }

// ---------------------------------------------------------------------------
// Handlers: decode, one query, encode (STYLE §9).

func (s *Server) handleStandings(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Standings != nil && s.haveProjections(), "standings") {
		return
	}
	q := r.URL.Query()
	year, err := yearParam(q, true, 0)
	if err != nil {
		Error(w, r, err)
		return
	}
	pt, err := s.resolve(r.Context(), q.Get("asOf"))
	if err != nil {
		Error(w, r, err)
		return
	}
	// An answer from n events never changes: serve it from the cache when
	// the projection has not moved since it was encoded.
	key := "standings\x00" + strconv.Itoa(year) + "\x00" + q.Get("cluster")
	upTo := pt.upTo
	if pt.latest {
		if upTo, err = s.checkpoint(r.Context(), projections.StandingsName); err != nil {
			Error(w, r, err)
			return
		}
	}
	if body, ok := s.answers.get(key, upTo); ok {
		if matchETag(inm(r), etag(upTo, "")) {
			failed(w, r, errNotModified, upTo, "")
			return
		}
		writeCachedAnswer(w, upTo, body)
		return
	}
	out, upTo, err := s.standings(r.Context(), inm(r), pt, year, q.Get("cluster"))
	if failed(w, r, err, upTo, "") {
		return
	}
	body, err := json.Marshal(standingsResponse{out})
	if err != nil {
		Error(w, r, err)
		return
	}
	body = append(body, '\n')
	if out.AsOfSeq == upTo {
		// Only an answer known to be exactly from upTo events is kept
		// (while the projection catches up, it may be from fewer).
		s.answers.put(key, upTo, body)
	}
	writeCachedAnswer(w, upTo, body)
}

// writeCachedAnswer writes an encoded JSON answer from upTo events, as
// writeAnswer does.
func writeCachedAnswer(w http.ResponseWriter, upTo uint64, body []byte) {
	h := w.Header()
	h.Set("ETag", etag(upTo, ""))
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func inm(r *http.Request) string { return r.Header.Get("If-None-Match") }

// standings answers the standings of year (one cluster if cluster is not
// ""), for the route and the page.
func (s *Server) standings(ctx context.Context, inm string, pt point, year int, cluster string) (projections.SectorStandings, uint64, error) {
	var out projections.SectorStandings
	upTo, err := s.answer(ctx, inm, pt, projections.StandingsName, "", func(a projections.AsOf) error {
		if cluster == "" {
			sec, err := s.Queries.Standings.Sector(ctx, a, year)
			out = sec
			return err
		}
		cs, err := s.Queries.Standings.Cluster(ctx, a, year, cluster)
		out = projections.SectorStandings{Year: year, Clusters: []projections.ClusterStandings{cs}, AsOfSeq: cs.AsOfSeq}
		return err
	})
	return out, upTo, err
}

// Report formats and their content types.
var reportFormats = map[string]string{
	"json": "application/json",
	"csv":  "text/csv; charset=utf-8",
	"html": "text/html; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

func (s *Server) handleReorganizationReport(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Reorganization != nil && s.haveProjections(), "reorganization") {
		return
	}
	q := r.URL.Query()
	year, err := yearParam(q, true, 0)
	if err != nil {
		Error(w, r, err)
		return
	}
	format := q.Get("format")
	if format == "" {
		format = "json"
	}
	if _, ok := reportFormats[format]; !ok {
		Error(w, r, domain.Errorf(domain.EINVALID, "format: %q is not json, csv, html or xlsx", format))
		return
	}
	pt, err := s.resolve(r.Context(), q.Get("asOf"))
	if err != nil {
		Error(w, r, err)
		return
	}
	rep, upTo, err := s.report(r.Context(), inm(r), pt, year)
	if failed(w, r, err, upTo, "") {
		return
	}
	if format == "json" {
		writeAnswer(w, upTo, "", reportResponse{rep})
		return
	}
	writeReport(w, r, rep, upTo, format)
}

func (s *Server) report(ctx context.Context, inm string, pt point, year int) (projections.ReorganizationReport, uint64, error) {
	var rep projections.ReorganizationReport
	upTo, err := s.answer(ctx, inm, pt, projections.OrganizationName, "", func(a projections.AsOf) (err error) {
		rep, err = s.Queries.Reorganization.Report(ctx, a, year)
		return err
	})
	return rep, upTo, err
}

// writeReport writes the report as a CSV, HTML or XLSX file with a
// Vietnamese file name (RFC 6266: an ASCII fallback and the UTF-8 name).
// The HTML report carries its own stylesheet inline: its policy allows that
// one stylesheet by hash, and nothing else.
func writeReport(w http.ResponseWriter, r *http.Request, rep projections.ReorganizationReport, upTo uint64, format string) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "csv":
		err = rep.WriteCSV(&buf)
	case "html":
		err = rep.WriteHTML(&buf)
	case "xlsx":
		err = rep.WriteXLSX(&buf)
	}
	if err != nil {
		Error(w, r, fmt.Errorf("write the report as %s: %w", format, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", reportFormats[format])
	h.Set("ETag", etag(upTo, ""))
	h.Set("Cache-Control", "private, no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	name := fmt.Sprintf("Báo cáo phương án tổ chức lại cụm, khối thi đua năm %d.%s", rep.Year, format)
	disposition := "attachment"
	if format == "html" {
		disposition = "inline"
		h.Set("Content-Security-Policy", "default-src 'none'; style-src "+styleHashes(buf.Bytes())+"; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	}
	h.Set("Content-Disposition", contentDisposition(disposition, name))
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// styleHashes returns the CSP sources ('sha256-…') of the <style> elements
// of an HTML document, or 'none' if it has none.
func styleHashes(doc []byte) string {
	var out []string
	for {
		i := bytes.Index(doc, []byte("<style>"))
		if i < 0 {
			break
		}
		doc = doc[i+len("<style>"):]
		j := bytes.Index(doc, []byte("</style>"))
		if j < 0 {
			break
		}
		sum := sha256.Sum256(doc[:j])
		out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
		doc = doc[j:]
	}
	if len(out) == 0 {
		return "'none'"
	}
	return strings.Join(out, " ")
}

// contentDisposition returns a Content-Disposition header for a file named
// name: filename= with an ASCII transliteration (for old clients) and
// filename*= with the UTF-8 name (RFC 6266, RFC 8187).
func contentDisposition(kind, name string) string {
	return kind + `; filename="` + asciiName(name) + `"; filename*=UTF-8''` + rfc8187(name)
}

// asciiName transliterates Vietnamese to ASCII for a file name: diacritics
// dropped, đ as d, spaces and punctuation as '-'.
func asciiName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range unaccent(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.ReplaceAll(strings.Trim(b.String(), "-"), "-.", ".")
}

// unaccent drops Vietnamese diacritics (NFD, marks removed) and writes đ
// as d.
func unaccent(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// rfc8187 percent-encodes s as an RFC 8187 value (attr-char kept).
func rfc8187(s string) string {
	const attr = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attr, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func (s *Server) handleUnitsList(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Units != nil && s.haveProjections(), "units") {
		return
	}
	servePaged(s, w, r, projections.OrganizationName, s.Queries.Units.List)
}

// units answers every unit, for the route and the history page.
func (s *Server) units(ctx context.Context, inm string, pt point) ([]projections.Unit, uint64, error) {
	var units []projections.Unit
	upTo, err := s.answer(ctx, inm, pt, projections.OrganizationName, "", func(a projections.AsOf) (err error) {
		units, err = s.Queries.Units.List(ctx, a)
		return err
	})
	return units, upTo, err
}

func (s *Server) handleUnitGet(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Units != nil && s.haveProjections(), "units") {
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.OrganizationName, "", func(ctx context.Context, a projections.AsOf) (projections.Unit, error) {
		return s.Queries.Units.Get(ctx, a, id)
	}, func(u projections.Unit, upTo uint64) any { return unitResponse{Unit: u, AsOfSeq: upTo} })
}

func (s *Server) handleClustersList(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Clusters != nil && s.haveProjections(), "clusters") {
		return
	}
	q := r.URL.Query()
	year, err := yearParam(q, false, s.today().Year())
	if err != nil {
		Error(w, r, err)
		return
	}
	serveAt(s, w, r, projections.OrganizationName, strconv.Itoa(year), func(ctx context.Context, a projections.AsOf) ([]projections.Cluster, error) {
		return s.Queries.Clusters.List(ctx, a, year)
	}, func(cs []projections.Cluster, upTo uint64) any {
		return clustersResponse{AsOfSeq: upTo, Year: year, Items: cs}
	})
}

func (s *Server) handleClusterGet(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Clusters != nil && s.haveProjections(), "clusters") {
		return
	}
	q := r.URL.Query()
	year, err := yearParam(q, false, s.today().Year())
	if err != nil {
		Error(w, r, err)
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.OrganizationName, strconv.Itoa(year), func(ctx context.Context, a projections.AsOf) (projections.Cluster, error) {
		return s.Queries.Clusters.Get(ctx, a, id, year)
	}, func(c projections.Cluster, upTo uint64) any { return clusterResponse{Cluster: c, AsOfSeq: upTo} })
}

func (s *Server) handleAwardsList(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Awards != nil && s.haveProjections(), "awards") {
		return
	}
	q := r.URL.Query()
	var f projections.AwardFilter
	var err error
	if f.Year, err = yearParam(q, false, 0); err != nil {
		Error(w, r, err)
		return
	}
	f.UnitID = q.Get("unit")
	if t := q.Get("title"); t != "" {
		k, err := domain.ParseAwardKind(t)
		if err != nil {
			Error(w, r, domain.Errorf(domain.EINVALID, "title: %q is not an award kind", t))
			return
		}
		f.Title = k
	}
	servePaged(s, w, r, projections.AwardsName, func(ctx context.Context, a projections.AsOf) ([]projections.Award, error) {
		return s.Queries.Awards.List(ctx, a, f)
	})
}

func (s *Server) handleAwardGet(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Awards != nil && s.haveProjections(), "awards") {
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.AwardsName, "", func(ctx context.Context, at projections.AsOf) (projections.Award, error) {
		return s.Queries.Awards.Get(ctx, at, id)
	}, func(a projections.Award, upTo uint64) any { return awardResponse{Award: a, AsOfSeq: upTo} })
}

func (s *Server) handleStreamAudit(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Audit != nil && s.haveProjections(), "audit trail") {
		return
	}
	pt, pg, err := s.paged(r.Context(), r.URL.Query())
	if err != nil {
		Error(w, r, err)
		return
	}
	entries, upTo, err := s.auditTrail(r.Context(), inm(r), pt, pathVar(r, "stream"))
	if failed(w, r, err, upTo, "") {
		return
	}
	items, next := cut(r, entries, upTo, pg)
	setNextLink(w, next)
	writeAnswer(w, upTo, "", listResponse[auditEntry]{AsOfSeq: upTo, Items: items, Next: next})
}

// auditTrail answers a stream's audit trail with labels, for the route and
// the history page.
func (s *Server) auditTrail(ctx context.Context, inm string, pt point, stream string) ([]auditEntry, uint64, error) {
	var raw []projections.AuditEntry
	if pt.latest {
		// The trail is read from the ledger, so "latest" is its head.
		head, err := s.Queries.Audit.Head(ctx)
		if err != nil {
			return nil, 0, err
		}
		if head == 0 {
			return nil, 0, domain.Errorf(domain.ENOTFOUND, "stream %s has no events", stream)
		}
		pt = point{asOf: projections.AtSeq(head - 1), upTo: head}
	}
	upTo, err := s.answer(ctx, inm, pt, "", "", func(a projections.AsOf) (err error) {
		raw, err = s.Queries.Audit.Stream(ctx, a, stream)
		return err
	})
	if err != nil {
		return nil, upTo, err
	}
	out := make([]auditEntry, len(raw))
	for i, e := range raw {
		out[i] = auditEntry{AuditEntry: e, Label: EventLabel(e.Type, "vi"), Stream: stream}
	}
	return out, upTo, nil
}

func (s *Server) handleDeadlines(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Deadlines != nil && s.haveProjections(), "deadlines") {
		return
	}
	q := r.URL.Query()
	year, err := yearParam(q, true, 0)
	if err != nil {
		Error(w, r, err)
		return
	}
	on := s.today()
	if v := q.Get("on"); v != "" {
		if on, err = domain.ParseDate(v); err != nil {
			Error(w, r, domain.Errorf(domain.EINVALID, "on: %q is not a date (YYYY-MM-DD)", v))
			return
		}
	}
	pt, err := s.resolve(r.Context(), q.Get("asOf"))
	if err != nil {
		Error(w, r, err)
		return
	}
	// The answer depends on the date judged on, which is the clock's when
	// not given: the ETag names it.
	extra := on.String()
	var ds []projections.DossierDeadline
	upTo, err := s.answer(r.Context(), inm(r), pt, projections.DeadlinesName, extra, func(a projections.AsOf) (err error) {
		ds, err = s.Queries.Deadlines.Year(r.Context(), a, year, on)
		return err
	})
	if failed(w, r, err, upTo, extra) {
		return
	}
	writeAnswer(w, upTo, extra, deadlinesResponse{AsOfSeq: upTo, Year: year, On: on.String(), Items: ds})
}

// ClusterStreamsFrom returns a Server.ClusterStreams hook that reads the
// clusters of a year from the clusters read model, as the ledger stands at
// its head (the read model folds the events it has not seen yet), instead
// of scanning the ledger. It lists every cluster active in year or the
// next one: a superset of the clusters formed for year, which is what the
// deciders need (they check each cluster's own year).
func ClusterStreamsFrom(clusters ClustersQuery, store Store) func(ctx context.Context, year int) ([]string, error) {
	return func(ctx context.Context, year int) ([]string, error) {
		head, err := store.Head(ctx)
		if err != nil {
			return nil, err
		}
		if head == 0 {
			return nil, nil
		}
		at := projections.AtSeq(head - 1)
		seen := map[string]bool{}
		var out []string
		for _, y := range []int{year, year + 1} {
			cs, err := clusters.List(ctx, at, y)
			if err != nil {
				return nil, fmt.Errorf("clusters of %d: %w", y, err)
			}
			for _, c := range cs {
				if !seen[c.ID] {
					seen[c.ID] = true
					out = append(out, "cluster-"+c.ID)
				}
			}
		}
		return out, nil
	}
}

// serveAt answers one query at the point asOf names: resolve it, run q at
// that point of projection proj (pinned as answer does), and write
// wrap(result, upTo) with its ETag, or the failure. extra goes into the
// ETag for answers that depend on more than the ledger (a year, a date).
func serveAt[T any](s *Server, w http.ResponseWriter, r *http.Request, proj, extra string, q func(context.Context, projections.AsOf) (T, error), wrap func(T, uint64) any) {
	pt, err := s.resolve(r.Context(), r.URL.Query().Get("asOf"))
	if err != nil {
		Error(w, r, err)
		return
	}
	var out T
	upTo, err := s.answer(r.Context(), inm(r), pt, proj, extra, func(a projections.AsOf) (err error) {
		out, err = q(r.Context(), a)
		return err
	})
	if failed(w, r, err, upTo, extra) {
		return
	}
	writeAnswer(w, upTo, extra, wrap(out, upTo))
}

// servePaged answers a list that grows with the ledger, one page at a
// time: the cursor pins the first page's point, so later pages do not
// shift while events are appended.
func servePaged[T any](s *Server, w http.ResponseWriter, r *http.Request, proj string, list func(context.Context, projections.AsOf) ([]T, error)) {
	pt, pg, err := s.paged(r.Context(), r.URL.Query())
	if err != nil {
		Error(w, r, err)
		return
	}
	var all []T
	upTo, err := s.answer(r.Context(), inm(r), pt, proj, "", func(a projections.AsOf) (err error) {
		all, err = list(r.Context(), a)
		return err
	})
	if failed(w, r, err, upTo, "") {
		return
	}
	items, next := cut(r, all, upTo, pg)
	setNextLink(w, next)
	writeAnswer(w, upTo, "", listResponse[T]{AsOfSeq: upTo, Items: items, Next: next})
}
