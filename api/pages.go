package api

import (
	"bytes"
	"context"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/projections"
)

// The web pages (issue 6 item 8): server-rendered in Vietnamese with
// html/template, every asset embedded, no JavaScript at all. Styles live in
// one embedded stylesheet, so the Content-Security-Policy allows no inline
// style or script. Pages read through the same query layer as the JSON
// routes (asOf, the projections' checkpoints) and follow their access
// rules:
//
//   - the standings and the reorganization report are public when
//     PublicStandings is set, else they need a token;
//   - a record's history needs a token (accessRead);
//   - the ledger status follows the ledger routes (PublicLedger).
//
// A browser cannot send a bearer token from a plain link, so pages also
// accept the token as the password of HTTP Basic authentication: the
// browser asks for it once and sends it with every page of the origin. The
// token never appears in a URL (no ?token=: URLs end up in history, logs,
// bookmarks and screenshots). Like a bearer token, it travels in clear
// unless the server is behind TLS.

//go:embed web
var webFS embed.FS

// pageCSP is the pages' Content-Security-Policy: the embedded stylesheet
// and nothing else; forms submit only to this origin.
const pageCSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// pageSet holds one template per page, each with the shared layout.
type pageSet struct {
	pages map[string]*template.Template
	css   []byte
}

var pageFuncs = template.FuncMap{
	"date": func(s string) string {
		d, err := domain.ParseDate(s)
		if err != nil {
			return s
		}
		return d.Label()
	},
	"datetime": func(t time.Time) string { return t.In(vietnam).Format("02/01/2006 15:04") },
	"doc": func(d *projections.DocRef) string {
		if d == nil || d.Number == "" {
			return ""
		}
		s := d.Number
		if dd, err := domain.ParseDate(d.Date); err == nil {
			s += " ngày " + dd.Label()
		}
		if d.Issuer != "" {
			s += " của " + d.Issuer
		}
		return s
	},
	"role":   roleLabel,
	"inc":    func(i int) int { return i + 1 },
	"points": pointsLabel,
	"names": func(us []projections.UnitRef) string {
		out := make([]string, len(us))
		for i, u := range us {
			out[i] = u.Name
		}
		return strings.Join(out, "; ")
	},
	"clusterNames": func(cs []projections.ClusterRef) string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = c.Name
		}
		return strings.Join(out, "; ")
	},
	"kinds": func(ks []projections.AwardKindRef) string {
		out := make([]string, len(ks))
		for i, k := range ks {
			out[i] = k.Label
		}
		return strings.Join(out, "; ")
	},
	"refName": func(u *projections.UnitRef) string {
		if u == nil {
			return ""
		}
		return u.Name
	},
	"personName": func(p *projections.Person) string {
		if p == nil {
			return ""
		}
		return p.Name
	},
}

// pointsLabel writes hundredths of a point the Vietnamese way, as the
// CLI does: 9575 is "95,75", 9550 "95,5", 9500 "95".
func pointsLabel(hundredths int64) string {
	sign := ""
	if hundredths < 0 {
		sign, hundredths = "-", -hundredths
	}
	whole, frac := hundredths/100, hundredths%100
	switch {
	case frac == 0:
		return fmt.Sprintf("%s%d", sign, whole)
	case frac%10 == 0:
		return fmt.Sprintf("%s%d,%d", sign, whole, frac/10)
	}
	return fmt.Sprintf("%s%d,%02d", sign, whole, frac)
}

// roleLabel names a role in Vietnamese.
func roleLabel(role string) string {
	switch Role(role) {
	case RoleAdmin:
		return "Thường trực Hội đồng Thi đua - Khen thưởng Ngành"
	case RoleCouncil:
		return "Hội đồng Thi đua - Khen thưởng đơn vị"
	case RoleCluster:
		return "Trưởng cụm, khối thi đua"
	case RoleUnit:
		return "Đơn vị"
	case RoleAuditor:
		return "Kiểm tra, giám sát"
	}
	return role
}

func mustParsePages() *pageSet {
	ps := &pageSet{pages: map[string]*template.Template{}}
	layout, err := fs.ReadFile(webFS, "web/layout.html")
	if err != nil {
		panic(err) // embedded at build time: cannot fail at run time
	}
	for _, name := range []string{"home", "standings", "report", "history", "ledger", "error"} {
		body, err := fs.ReadFile(webFS, "web/"+name+".html")
		if err != nil {
			panic(err)
		}
		t := template.Must(template.New("layout").Funcs(pageFuncs).Parse(string(layout)))
		template.Must(t.Parse(string(body)))
		ps.pages[name] = t
	}
	ps.css, err = fs.ReadFile(webFS, "web/style.css")
	if err != nil {
		panic(err)
	}
	return ps
}

// pageRoutes are the pages under / and their stylesheet.
func (s *Server) pageRoutes() []route {
	html := []response{{Status: 200, ContentType: "text/html; charset=utf-8", Text: true}, {Status: 400, ContentType: "text/html; charset=utf-8", Text: true}}
	return []route{
		{Name: "pageHome", Methods: getHead, Path: "/", Access: accessPublic, Page: true, Handler: s.handlePageHome, Tag: "pages",
			Summary: "Trang chủ: links to the pages", Responses: html[:1]},
		{Name: "pageStandings", Methods: getHead, Path: "/bang-xep-hang", Access: accessStandings, Page: true, Handler: s.handlePageStandings, Tag: "pages",
			Summary: "Bảng xếp hạng thi đua (?nam=, ?cum=, ?ngay= or ?asOf=)",
			Params: []param{{Name: "nam", In: "query", Type: "integer", Description: "năm thi đua"}, {Name: "cum", In: "query", Type: "string", Description: "one cluster id"},
				{Name: "ngay", In: "query", Type: "string", Description: "as the ledger stood at the end of this day in Vietnam (YYYY-MM-DD)"},
				{Name: "asOf", In: "query", Type: "string", Description: "a seq or an RFC 3339 time (instead of ngay)"}},
			Responses: html},
		{Name: "pageReorganization", Methods: getHead, Path: "/bao-cao-to-chuc-lai", Access: accessStandings, Page: true, Handler: s.handlePageReport, Tag: "pages",
			Summary: "Báo cáo phương án tổ chức lại cụm, khối thi đua, printable on A4; ?format=csv|xlsx downloads it",
			Params: []param{{Name: "nam", In: "query", Type: "integer", Description: "năm"}, {Name: "ngay", In: "query", Type: "string", Description: "as the ledger stood at the end of this day (YYYY-MM-DD)"},
				{Name: "asOf", In: "query", Type: "string", Description: "a seq or an RFC 3339 time (instead of ngay)"},
				{Name: "format", In: "query", Type: "string", Description: "csv or xlsx: download the report as a file"}},
			Responses: []response{{Status: 200, ContentType: "text/html; charset=utf-8", Text: true, Also: []string{reportFormats["csv"], reportFormats["xlsx"]}}, html[1]}},
		{Name: "pageHistory", Methods: getHead, Path: "/lich-su-ho-so", Access: accessRead, Page: true, Handler: s.handlePageHistory, Tag: "pages",
			Summary: "Lịch sử hồ sơ: one record's events with date, actor and legal basis (?stream=)",
			Params: []param{{Name: "stream", In: "query", Type: "string", Description: "the record's stream, e.g. unit-<id>"},
				{Name: "ngay", In: "query", Type: "string", Description: "as the ledger stood at the end of this day (YYYY-MM-DD)"},
				{Name: "asOf", In: "query", Type: "string", Description: "a seq or an RFC 3339 time (instead of ngay)"},
				{Name: "cursor", In: "query", Type: "string", Description: "the next page"}},
			Responses: html},
		{Name: "pageLedger", Methods: getHead, Path: "/so-cai", Access: accessLedger, Page: true, Handler: s.handlePageLedger, Tag: "pages",
			Summary: "Sổ cái: ledger size, latest signed checkpoint, verifier key and readiness", Responses: html[:1]},
		{Name: "pageFavicon", Methods: getHead, Path: "/favicon.ico", Access: accessPublic, Handler: s.handleFavicon, Tag: "pages",
			Summary: "No icon: 204, so a browser's automatic request is not a 404", Responses: []response{{Status: 204, Text: true}}},
		{Name: "pageStylesheet", Methods: getHead, Path: "/static/style.css", Access: accessPublic, Handler: s.handleStylesheet, Tag: "pages",
			Summary: "The pages' stylesheet", Responses: []response{{Status: 200, ContentType: "text/css; charset=utf-8", Text: true}}},
	}
}

// authenticatePage is authenticate for pages: a bearer token, or the
// token as the password of HTTP Basic authentication (the user name is not
// checked). Refusals are a page, in Vietnamese, saying how to pass a token,
// with a Basic challenge so the browser asks for it.
func (s *Server) authenticatePage(a access, h http.HandlerFunc) http.HandlerFunc {
	if a == accessPublic {
		return func(w http.ResponseWriter, r *http.Request) {
			if p, ok := s.pagePrincipal(r); ok {
				r = r.WithContext(NewContextWithPrincipal(r.Context(), p))
			}
			h(w, r)
		}
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			if s.anonymousMay(a) {
				h(w, r)
				return
			}
			s.pageUnauthorized(w, r, "Trang này cần mã truy cập.")
			return
		}
		p, ok := s.pagePrincipal(r)
		if !ok {
			s.pageUnauthorized(w, r, "Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
			return
		}
		h(w, r.WithContext(NewContextWithPrincipal(r.Context(), p)))
	}
}

// pagePrincipal authenticates the request's bearer token or Basic
// password.
func (s *Server) pagePrincipal(r *http.Request) (Principal, bool) {
	if tok, ok := bearerToken(r); ok {
		return s.Tokens.Authenticate(tok)
	}
	if _, pw, ok := r.BasicAuth(); ok {
		return s.Tokens.Authenticate(strings.TrimSpace(pw))
	}
	return Principal{}, false
}

// pageUnauthorized answers 401 with a page that explains how to pass a
// token, and a Basic challenge.
func (s *Server) pageUnauthorized(w http.ResponseWriter, r *http.Request, why string) {
	w.Header().Set("WWW-Authenticate", `Basic realm="tdkt", charset="UTF-8"`)
	s.renderPage(w, r, http.StatusUnauthorized, "error", "Cần mã truy cập", "", errorPage{Status: http.StatusUnauthorized, Message: why, NeedToken: true})
}

// errorPage is the body of the error page.
type errorPage struct {
	Status    int
	Message   string
	Detail    string
	NeedToken bool
}

// layoutData is what the layout reads.
type layoutData struct {
	Title string
	// Nav is the active section: home, standings, report, history, ledger.
	Nav string
	// Who is the authenticated subject, if any.
	Who  string
	Body any
}

// renderPage executes page into a buffer first, so a template failure
// is a clean 500, then writes it with the pages' security headers.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, page, title, nav string, body any) {
	d := layoutData{Title: title, Nav: nav, Body: body}
	if p, ok := PrincipalFromContext(r.Context()); ok {
		d.Who = p.Subject + " (" + roleLabel(string(p.Role)) + ")"
	}
	var buf bytes.Buffer
	if err := s.pages.pages[page].ExecuteTemplate(&buf, "layout", d); err != nil {
		Error(w, r, fmt.Errorf("render %s: %w", page, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// pageError renders err as the error page: its status from the error
// table, its detail as the domain (or the store) wrote it.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, nav string, err error) {
	kind, p := classify(err)
	msg := "Không lấy được dữ liệu."
	switch {
	case kind.Status == http.StatusBadRequest:
		msg = "Tham số không hợp lệ."
	case kind.Status == http.StatusNotFound:
		msg = "Không tìm thấy."
	case kind.Status >= 500:
		noteError(w, err)
		p.Detail = "Lỗi máy chủ; xem nhật ký máy chủ."
	}
	s.renderPage(w, r, kind.Status, "error", "Lỗi", nav, errorPage{Status: kind.Status, Message: msg, Detail: p.Detail})
}

// pagePoint reads a page's asOf: ?ngay= (a date: the ledger at the end of
// that day in Vietnam) or ?asOf= (a seq or an RFC 3339 time).
func (s *Server) pagePoint(ctx context.Context, r *http.Request) (point, string, error) {
	q := r.URL.Query()
	if v := q.Get("ngay"); v != "" {
		d, err := domain.ParseDate(v)
		if err != nil {
			return point{}, "", domain.Errorf(domain.EINVALID, "ngay: %q is not a date (YYYY-MM-DD)", v)
		}
		end := time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 999999999, vietnam)
		pt, err := s.resolveAsOf(ctx, projections.AtTime(end))
		return pt, v, err
	}
	pt, err := s.resolve(ctx, q.Get("asOf"))
	return pt, "", err
}

// pageYear reads ?nam=, defaulting to def.
func pageYear(r *http.Request, def int) (int, error) {
	v := r.URL.Query().Get("nam")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1900 || n > 9999 {
		return 0, domain.Errorf(domain.EINVALID, "nam: %q is not a year", v)
	}
	return n, nil
}

// seqLabel says which ledger events an answer was built from.
func seqLabel(upTo uint64) string {
	if upTo == 0 {
		return "Sổ cái chưa có sự kiện nào tại thời điểm này."
	}
	return fmt.Sprintf("Số liệu từ sổ cái đến sự kiện số %d (%d sự kiện).", upTo-1, upTo)
}

func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleStylesheet(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(s.pages.css)
}

type homePage struct {
	PublicStandings, PublicLedger bool
	Year                          int
}

func (s *Server) handlePageHome(w http.ResponseWriter, r *http.Request) {
	s.renderPage(w, r, http.StatusOK, "home", "Sổ cái thi đua, khen thưởng", "home",
		homePage{PublicStandings: s.PublicStandings, PublicLedger: s.PublicLedger, Year: s.today().Year()})
}

type standingsPage struct {
	Year     int
	Cluster  string
	Date     string
	AsOf     string
	Options  []projections.ClusterRef
	Clusters []projections.ClusterStandings
	Seq      string
}

func (s *Server) handlePageStandings(w http.ResponseWriter, r *http.Request) {
	if !s.Queries.haveStandings() {
		s.pageError(w, r, "standings", domain.Errorf(domain.EINTERNAL, "no standings read model"))
		return
	}
	year, err := pageYear(r, s.today().Year()-1)
	if err != nil {
		s.pageError(w, r, "standings", err)
		return
	}
	pt, date, err := s.pagePoint(r.Context(), r)
	if err != nil {
		s.pageError(w, r, "standings", err)
		return
	}
	// The whole sector, then the cluster asked for: the form lists every
	// cluster with standings that year.
	sec, upTo, err := s.standings(r.Context(), "", pt, year, "")
	if err != nil {
		s.pageError(w, r, "standings", err)
		return
	}
	d := standingsPage{Year: year, Cluster: r.URL.Query().Get("cum"), Date: date, Seq: seqLabel(upTo)}
	if date == "" {
		d.AsOf = r.URL.Query().Get("asOf")
	}
	for _, c := range sec.Clusters {
		d.Options = append(d.Options, c.Cluster)
		if d.Cluster == "" || d.Cluster == c.Cluster.ID {
			d.Clusters = append(d.Clusters, c)
		}
	}
	s.renderPage(w, r, http.StatusOK, "standings", fmt.Sprintf("Bảng xếp hạng thi đua năm %d", year), "standings", d)
}

type reportPage struct {
	Year   int
	Date   string
	AsOf   string
	Report projections.ReorganizationReport
	Seq    string
	// CSV and XLSX are the download links.
	CSV, XLSX string
}

func (s *Server) handlePageReport(w http.ResponseWriter, r *http.Request) {
	if s.Queries.Reorganization == nil || s.Queries.Projections == nil {
		s.pageError(w, r, "report", domain.Errorf(domain.EINTERNAL, "no reorganization read model"))
		return
	}
	year, err := pageYear(r, s.today().Year())
	if err != nil {
		s.pageError(w, r, "report", err)
		return
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "csv" && format != "xlsx" {
		s.pageError(w, r, "report", domain.Errorf(domain.EINVALID, "format: %q is not csv or xlsx", format))
		return
	}
	pt, date, err := s.pagePoint(r.Context(), r)
	if err != nil {
		s.pageError(w, r, "report", err)
		return
	}
	rep, upTo, err := s.report(r.Context(), "", pt, year)
	if err != nil {
		s.pageError(w, r, "report", err)
		return
	}
	if format != "" {
		writeReport(w, r, rep, upTo, format)
		return
	}
	d := reportPage{Year: year, Date: date, Report: rep, Seq: seqLabel(upTo)}
	if date == "" {
		d.AsOf = r.URL.Query().Get("asOf")
	}
	// The downloads are pinned to the seq shown, so the file is the page.
	link := func(f string) string {
		q := fmt.Sprintf("/bao-cao-to-chuc-lai?nam=%d&format=%s", year, f)
		if upTo > 0 {
			q += "&asOf=" + strconv.FormatUint(upTo-1, 10)
		}
		return q
	}
	d.CSV, d.XLSX = link("csv"), link("xlsx")
	s.renderPage(w, r, http.StatusOK, "report", rep.Title(), "report", d)
}

type historyPage struct {
	Stream  string
	Date    string
	AsOf    string
	Entries []historyRow
	Units   []projections.Unit
	Next    string
	Seq     string
}

// historyRow is one event of a record's history as the page shows it.
type historyRow struct {
	auditEntry
	// When is the date the fact is about: its effective date, else its
	// year, else the day it was recorded.
	When string
	// ActorName, ActorRole and ActorUnit say who recorded it.
	ActorName, ActorRole, ActorUnit string
}

func (s *Server) handlePageHistory(w http.ResponseWriter, r *http.Request) {
	if s.Queries.Audit == nil || s.Queries.Units == nil || s.Queries.Projections == nil {
		s.pageError(w, r, "history", domain.Errorf(domain.EINTERNAL, "no audit read model"))
		return
	}
	q := r.URL.Query()
	stream := strings.TrimSpace(q.Get("stream"))
	var (
		pt   point
		pg   page
		date string
		err  error
	)
	if q.Get("cursor") != "" {
		pt, pg, err = s.paged(r.Context(), q)
	} else {
		pt, date, err = s.pagePoint(r.Context(), r)
		pg.limit = DefaultPageLimit
	}
	if err != nil {
		s.pageError(w, r, "history", err)
		return
	}
	d := historyPage{Stream: stream, Date: date}
	if date == "" && q.Get("cursor") == "" {
		d.AsOf = q.Get("asOf")
	}
	if stream == "" {
		units, upTo, err := s.units(r.Context(), "", pt)
		if err != nil {
			s.pageError(w, r, "history", err)
			return
		}
		d.Units, d.Seq = units, seqLabel(upTo)
		s.renderPage(w, r, http.StatusOK, "history", "Lịch sử hồ sơ", "history", d)
		return
	}
	entries, upTo, err := s.auditTrail(r.Context(), "", pt, stream)
	if err != nil {
		s.pageError(w, r, "history", err)
		return
	}
	// Unit names for the actors, from the same point in the ledger.
	names := map[string]string{}
	if upTo > 0 {
		if units, _, err := s.units(r.Context(), "", point{asOf: projections.AtSeq(upTo - 1), upTo: upTo}); err == nil {
			for _, u := range units {
				names[u.ID] = u.Name
			}
		}
	}
	items, next := cut(r, entries, upTo, pg)
	d.Next, d.Seq = next, seqLabel(upTo)
	for _, e := range items {
		row := historyRow{auditEntry: e}
		switch {
		case e.EffectiveDate != "":
			row.When = pageFuncs["date"].(func(string) string)(e.EffectiveDate)
		case e.EffectiveYear != 0:
			row.When = "năm " + strconv.Itoa(e.EffectiveYear)
		default:
			row.When = e.RecordedAt.In(vietnam).Format("02/01/2006")
		}
		if a := e.Actor; a != nil {
			row.ActorName, row.ActorRole = a.Subject, roleLabel(a.Role)
			row.ActorUnit = a.Unit
			if n := names[a.Unit]; n != "" {
				row.ActorUnit = n
			}
		}
		d.Entries = append(d.Entries, row)
	}
	s.renderPage(w, r, http.StatusOK, "history", "Lịch sử hồ sơ "+stream, "history", d)
}

type ledgerPage struct {
	Head        uint64
	Ready       bool
	Reason      string
	Details     map[string]string
	Checkpoint  string
	CheckSize   uint64
	CheckRoot   string
	CheckErr    string
	VerifierKey string
	Projections []projections.Status
}

func (s *Server) handlePageLedger(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.readyTimeout())
	defer cancel()
	head, err := s.Store.Head(ctx)
	if err != nil {
		s.pageError(w, r, "ledger", err)
		return
	}
	d := ledgerPage{Head: head, VerifierKey: s.VerifierKey, Ready: true, Details: s.ReadyDetails}
	// The readiness facts, as /readyz finds them.
	switch reason := s.unreadyReason(); {
	case reason != "":
		d.Ready, d.Reason = false, reason
	default:
		if f, ok := s.Store.(faulter); ok && f.Fault() != nil {
			d.Ready, d.Reason = false, "sổ cái từ chối ghi: "+f.Fault().Error()
			break
		}
		behind, details, err := s.projectionsReady(ctx, head)
		switch {
		case err != nil:
			d.Ready, d.Reason = false, err.Error()
		case behind != "":
			d.Ready, d.Reason, d.Details = false, behind, details
		default:
			d.Details = details
		}
	}
	if s.Queries.Projections != nil {
		if st, err := s.Queries.Projections.Status(ctx); err == nil {
			d.Projections = st
		}
	}
	if s.Checkpoints == nil {
		d.CheckErr = "Sổ cái chưa có khóa ký (tdkt keys generate)."
	} else if msg, cp, err := s.Checkpoints.Issue(ctx); err != nil {
		if !errors.Is(err, context.Canceled) {
			noteError(w, err)
		}
		d.CheckErr = "Chưa có checkpoint: " + err.Error()
	} else {
		d.Checkpoint, d.CheckSize, d.CheckRoot = string(msg), cp.Size, base64.StdEncoding.EncodeToString(cp.Root[:])
	}
	s.renderPage(w, r, http.StatusOK, "ledger", "Sổ cái", "ledger", d)
}

// haveStandings reports whether the standings can be answered.
func (q Queries) haveStandings() bool { return q.Standings != nil && q.Projections != nil }
