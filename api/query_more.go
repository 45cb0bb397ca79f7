package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/projections"
)

// Query routes over the councils, registrations, initiatives and
// eligibility read models.

// CouncilsQuery is what the councils routes read (*projections.Councils).
type CouncilsQuery interface {
	// List returns every council as on valid date on (zero: latest).
	List(ctx context.Context, asOf projections.AsOf, on domain.Date) ([]projections.Council, error)
	// Get returns one council or a domain error with ENOTFOUND.
	Get(ctx context.Context, asOf projections.AsOf, id string, on domain.Date) (projections.Council, error)
}

// RegistrationsQuery is what the registrations route reads
// (*projections.Registrations).
type RegistrationsQuery interface {
	// List returns the registrations f selects.
	List(ctx context.Context, asOf projections.AsOf, f projections.RegistrationFilter) ([]projections.Registration, error)
}

// InitiativesQuery is what the initiatives routes read
// (*projections.Initiatives).
type InitiativesQuery interface {
	// List returns the initiatives f selects.
	List(ctx context.Context, asOf projections.AsOf, f projections.InitiativeFilter) ([]projections.Initiative, error)
	// Get returns one initiative or a domain error with ENOTFOUND.
	Get(ctx context.Context, asOf projections.AsOf, id string) (projections.Initiative, error)
}

// EligibilityQuery is what the eligibility and reconstruction routes read
// (*projections.Eligibilities).
type EligibilityQuery interface {
	// Eligibility answers, rule by rule, whether subject may receive kind
	// for year.
	Eligibility(ctx context.Context, asOf projections.AsOf, subject domain.Subject, kind domain.AwardKind, year int) (projections.Eligibility, error)
	// Reconstruction replays an award decision to the seq its deciders saw.
	// It returns a domain error with ENOTFOUND if no such decision was
	// recorded by asOf.
	Reconstruction(ctx context.Context, asOf projections.AsOf, id string) (projections.Reconstruction, error)
	// AcclaimReconstruction replays a cluster's acclamation of its leading
	// unit for year to the seq the cluster saw. It returns a domain error
	// with ENOTFOUND if no acclamation was recorded by asOf.
	AcclaimReconstruction(ctx context.Context, asOf projections.AsOf, clusterID string, year int) (projections.AcclaimReconstruction, error)
}

func (s *Server) moreQueryRoutes() []route {
	asOf := param{Name: "asOf", In: "query", Type: "string",
		Description: "answer from the ledger as it stood at this seq (an integer) or RFC 3339 time; default: the latest"}
	inm := param{Name: "If-None-Match", In: "header", Type: "string", Description: `an ETag of an earlier answer ("seq-N"): 304 if the answer is the same`}
	cursor := param{Name: "cursor", In: "query", Type: "string", Description: "the next page, from the previous page's next link"}
	limit := param{Name: "limit", In: "query", Type: "integer", Description: "items per page (1–1000, default 100)"}
	on := param{Name: "on", In: "query", Type: "string", Description: "the valid date of the composition (YYYY-MM-DD); default: the latest"}
	year := param{Name: "year", In: "query", Type: "integer", Description: "the year"}
	ok := func(body any) []response {
		return []response{{Status: 200, Body: body}, {Status: 304}, {Status: 400, Problem: true},
			{Status: 404, Problem: true}, {Status: 503, Problem: true}}
	}
	return []route{
		{Name: "listCouncils", Methods: getHead, Path: "/api/v1/councils", Access: accessRead, Handler: s.handleCouncilsList, Tag: "queries",
			Summary: "Every council (Hội đồng Thi đua - Khen thưởng, Hội đồng sáng kiến) with its members as on ?on=",
			Params:  []param{on, asOf, inm}, Responses: ok(councilsResponse{})},
		{Name: "getCouncil", Methods: getHead, Path: "/api/v1/councils/{id}", Access: accessRead, Handler: s.handleCouncilGet, Tag: "queries",
			Summary: "One council with its members as on ?on=", Params: []param{on, asOf, inm}, Responses: ok(councilResponse{})},
		{Name: "listRegistrations", Methods: getHead, Path: "/api/v1/registrations", Access: accessRead, Handler: s.handleRegistrationsList, Tag: "queries",
			Summary: "Emulation registrations (đăng ký thi đua) of ?year=, of or through ?unit= (paged)",
			Params: []param{year, {Name: "unit", In: "query", Type: "string", Description: "the unit's own registrations and those submitted through it"},
				{Name: "person", In: "query", Type: "string", Description: "one person's registrations"},
				{Name: "cluster", In: "query", Type: "string", Description: "registrations submitted through a cluster"}, asOf, cursor, limit, inm},
			Responses: ok(listResponse[projections.Registration]{})},
		{Name: "listInitiatives", Methods: getHead, Path: "/api/v1/initiatives", Access: accessRead, Handler: s.handleInitiativesList, Tag: "queries",
			Summary: "Initiatives (sáng kiến) submitted or recognized in ?year=, of ?unit= or ?author= (paged)",
			Params: []param{year, {Name: "unit", In: "query", Type: "string", Description: "the unit"}, {Name: "author", In: "query", Type: "string", Description: "an author (person id)"},
				{Name: "scope", In: "query", Type: "string", Description: "at least this recognition scope (an initiative scope code)"}, asOf, cursor, limit, inm},
			Responses: ok(listResponse[projections.Initiative]{})},
		{Name: "getInitiative", Methods: getHead, Path: "/api/v1/initiatives/{id}", Access: accessRead, Handler: s.handleInitiativeGet, Tag: "queries",
			Summary: "One initiative with its evaluations and recognitions", Params: []param{asOf, inm}, Responses: ok(initiativeResponse{})},
		{Name: "getEligibility", Methods: getHead, Path: "/api/v1/eligibility", Access: accessRead, Handler: s.handleEligibility, Tag: "queries",
			Summary: "Whether ?subject= may receive ?title= for ?year=: each rule with id, citation, passed and the event ids it used",
			Params: []param{{Name: "subject", In: "query", Type: "string", Required: true, Description: "unit:<id> or person:<id> (or TAP_THE:<id>, CA_NHAN:<id>)"},
				{Name: "title", In: "query", Type: "string", Required: true, Description: "an award kind code"},
				{Name: "year", In: "query", Type: "integer", Required: true, Description: "the evaluation year"}, asOf, inm},
			Responses: ok(eligibilityResponse{})},
		{Name: "getAwardReconstruction", Methods: getHead, Path: "/api/v1/awards/{id}/reconstruction", Access: accessRead, Handler: s.handleReconstruction, Tag: "queries",
			Summary: "An award decision replayed to the seq its deciders saw: the inputs the rules used, and whether anything recorded since would change it",
			Params:  []param{asOf, inm}, Responses: ok(reconstructionResponse{})},
		{Name: "getAcclaimReconstruction", Methods: getHead, Path: "/api/v1/clusters/{id}/acclaims/{year:[0-9]+}/reconstruction", Access: accessRead,
			Handler: s.handleAcclaimReconstruction, Tag: "queries",
			Summary: "A cluster's acclamation of its leading unit for a year replayed to the seq the cluster saw: members, standings and rules (R15, R16, R26, membership, rank) then and now, with the events each used",
			Params:  []param{asOf, inm}, Responses: ok(acclaimReconstructionResponse{})},
		{Name: "getPlanReconstruction", Methods: getHead, Path: "/api/v1/reorganization-plans/{id}/reconstruction", Access: accessRead,
			Handler: s.handlePlanReconstruction, Tag: "queries",
			Summary: "The decision on a cluster reorganization plan replayed to the seq its deciders saw: the plan, the clusters it reorganised, members gone since, units left out or placed twice, R28, then and now",
			Params:  []param{asOf, inm}, Responses: ok(planReconstructionResponse{})},
	}
}

type councilsResponse struct {
	AsOfSeq uint64                `json:"asOfSeq"`
	Items   []projections.Council `json:"items"`
}

type councilResponse struct {
	projections.Council
	AsOfSeq uint64 `json:"asOfSeq"`
}

type initiativeResponse struct {
	projections.Initiative
	AsOfSeq uint64 `json:"asOfSeq"`
}

type eligibilityResponse struct {
	projections.Eligibility
}

type reconstructionResponse struct {
	projections.Reconstruction
}

type acclaimReconstructionResponse struct {
	projections.AcclaimReconstruction
}

type planReconstructionResponse struct {
	projections.PlanReconstruction
}

// onParam reads an optional date parameter.
func onParam(q url.Values) (domain.Date, error) {
	v := q.Get("on")
	if v == "" {
		return domain.Date{}, nil
	}
	d, err := domain.ParseDate(v)
	if err != nil {
		return domain.Date{}, domain.Errorf(domain.EINVALID, "on: %q is not a date (YYYY-MM-DD)", v)
	}
	return d, nil
}

func (s *Server) handleCouncilsList(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Councils != nil && s.haveProjections(), "councils") {
		return
	}
	q := r.URL.Query()
	on, err := onParam(q)
	if err != nil {
		Error(w, r, err)
		return
	}
	serveAt(s, w, r, projections.CouncilsName, on.String(), func(ctx context.Context, a projections.AsOf) ([]projections.Council, error) {
		return s.Queries.Councils.List(ctx, a, on)
	}, func(cs []projections.Council, upTo uint64) any { return councilsResponse{AsOfSeq: upTo, Items: cs} })
}

func (s *Server) handleCouncilGet(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Councils != nil && s.haveProjections(), "councils") {
		return
	}
	q := r.URL.Query()
	on, err := onParam(q)
	if err != nil {
		Error(w, r, err)
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.CouncilsName, on.String(), func(ctx context.Context, a projections.AsOf) (projections.Council, error) {
		return s.Queries.Councils.Get(ctx, a, id, on)
	}, func(c projections.Council, upTo uint64) any { return councilResponse{Council: c, AsOfSeq: upTo} })
}

func (s *Server) handleRegistrationsList(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Registrations != nil && s.haveProjections(), "registrations") {
		return
	}
	q := r.URL.Query()
	var f projections.RegistrationFilter
	var err error
	if f.Year, err = yearParam(q, false, 0); err != nil {
		Error(w, r, err)
		return
	}
	f.UnitID, f.PersonID, f.ClusterID = q.Get("unit"), q.Get("person"), q.Get("cluster")
	servePaged(s, w, r, projections.RegistrationsName, func(ctx context.Context, a projections.AsOf) ([]projections.Registration, error) {
		return s.Queries.Registrations.List(ctx, a, f)
	})
}

func (s *Server) handleInitiativesList(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Initiatives != nil && s.haveProjections(), "initiatives") {
		return
	}
	q := r.URL.Query()
	var f projections.InitiativeFilter
	var err error
	if f.Year, err = yearParam(q, false, 0); err != nil {
		Error(w, r, err)
		return
	}
	f.UnitID, f.AuthorID = q.Get("unit"), q.Get("author")
	if v := q.Get("scope"); v != "" {
		if f.Scope, err = domain.ParseInitiativeScope(v); err != nil {
			Error(w, r, domain.Errorf(domain.EINVALID, "scope: %q is not an initiative scope", v))
			return
		}
	}
	servePaged(s, w, r, projections.InitiativesName, func(ctx context.Context, a projections.AsOf) ([]projections.Initiative, error) {
		return s.Queries.Initiatives.List(ctx, a, f)
	})
}

func (s *Server) handleInitiativeGet(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Initiatives != nil && s.haveProjections(), "initiatives") {
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.InitiativesName, "", func(ctx context.Context, a projections.AsOf) (projections.Initiative, error) {
		return s.Queries.Initiatives.Get(ctx, a, id)
	}, func(in projections.Initiative, upTo uint64) any {
		return initiativeResponse{Initiative: in, AsOfSeq: upTo}
	})
}

// subjectParam reads subject=unit:<id> or person:<id> (the wire codes
// TAP_THE and CA_NHAN work too).
func subjectParam(q url.Values) (domain.Subject, error) {
	v := q.Get("subject")
	kind, id, ok := strings.Cut(v, ":")
	if v == "" {
		return domain.Subject{}, domain.Errorf(domain.EINVALID, "subject: required (unit:<id> or person:<id>)")
	}
	if !ok || id == "" {
		return domain.Subject{}, domain.Errorf(domain.EINVALID, "subject: %q is not unit:<id> or person:<id>", v)
	}
	switch strings.ToLower(kind) {
	case "unit":
		return domain.Unit(id), nil
	case "person":
		return domain.Person(id), nil
	}
	k, err := domain.ParseSubjectKind(kind)
	if err != nil {
		return domain.Subject{}, domain.Errorf(domain.EINVALID, "subject: %q is not unit:<id> or person:<id>", v)
	}
	return domain.Subject{Kind: k, ID: id}, nil
}

func (s *Server) handleEligibility(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Eligibility != nil && s.haveProjections(), "eligibility") {
		return
	}
	q := r.URL.Query()
	subject, err := subjectParam(q)
	if err != nil {
		Error(w, r, err)
		return
	}
	t := q.Get("title")
	if t == "" {
		Error(w, r, domain.Errorf(domain.EINVALID, "title: required"))
		return
	}
	kind, err := domain.ParseAwardKind(t)
	if err != nil {
		Error(w, r, domain.Errorf(domain.EINVALID, "title: %q is not an award kind", t))
		return
	}
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
	var el projections.Eligibility
	upTo, err := s.answer(r.Context(), inm(r), pt, projections.EligibilityName, "", func(a projections.AsOf) (err error) {
		el, err = s.Queries.Eligibility.Eligibility(r.Context(), a, subject, kind, year)
		return err
	})
	if failed(w, r, err, upTo, "") {
		return
	}
	writeAnswer(w, upTo, "", eligibilityResponse{el})
}

func (s *Server) handleReconstruction(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Eligibility != nil && s.haveProjections(), "eligibility") {
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.EligibilityName, "", func(ctx context.Context, a projections.AsOf) (projections.Reconstruction, error) {
		return s.Queries.Eligibility.Reconstruction(ctx, a, id)
	}, func(rc projections.Reconstruction, _ uint64) any { return reconstructionResponse{rc} })
}

func (s *Server) handleAcclaimReconstruction(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Eligibility != nil && s.haveProjections(), "eligibility") {
		return
	}
	year, err := yearParam(url.Values{"year": {pathVar(r, "year")}}, true, 0)
	if err != nil {
		Error(w, r, err)
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.EligibilityName, "", func(ctx context.Context, a projections.AsOf) (projections.AcclaimReconstruction, error) {
		return s.Queries.Eligibility.AcclaimReconstruction(ctx, a, id, year)
	}, func(rc projections.AcclaimReconstruction, _ uint64) any { return acclaimReconstructionResponse{rc} })
}

func (s *Server) handlePlanReconstruction(w http.ResponseWriter, r *http.Request) {
	if !need(w, r, s.Queries.Reorganization != nil && s.haveProjections(), "reorganization") {
		return
	}
	id := pathVar(r, "id")
	serveAt(s, w, r, projections.OrganizationName, "", func(ctx context.Context, a projections.AsOf) (projections.PlanReconstruction, error) {
		return s.Queries.Reorganization.PlanReconstruction(ctx, a, id)
	}, func(rc projections.PlanReconstruction, _ uint64) any { return planReconstructionResponse{rc} })
}
