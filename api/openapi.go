package api

import (
	"encoding"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tdkt/tdkt/domain"
)

// The OpenAPI 3.1 document at /openapi.json is generated, not kept by
// hand: paths from the server's route table (the rows NewServer
// registers), command bodies from the domain's command catalog, and every
// schema by reflection over the Go types the server encodes and the domain
// decodes (JSON names from the json tags; a field is required unless it is
// omitempty or omitzero; vocabulary types are strings with the domain's
// codes as enum).

// OpenAPIVersion is the version of the OpenAPI specification the document
// follows.
const OpenAPIVersion = "3.1.0"

// APIVersion is the version of tdkt's HTTP interface in the document.
const APIVersion = "1.0.0"

// handleOpenAPI serves the document.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	s.openapiOnce.Do(func() { s.openapiDoc, s.openapiErr = json.Marshal(s.OpenAPI()) })
	if s.openapiErr != nil {
		Error(w, r, s.openapiErr)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(s.openapiDoc)
}

// OpenAPI returns the server's OpenAPI 3.1 document as a JSON value.
func (s *Server) OpenAPI() map[string]any {
	g := &schemaGen{defs: map[string]any{}}
	problemSchema := g.of(reflect.TypeFor[problem]())
	g.defs["Problem"] = problemSchema
	g.defs["CommandResult"] = g.of(reflect.TypeFor[commandResult]())
	paths := map[string]any{}
	for _, rt := range s.routes {
		path, pathParams := openapiPath(rt.Path)
		item, _ := paths[path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[path] = item
		}
		for _, m := range rt.Methods {
			op := s.operation(g, rt, m, pathParams)
			item[strings.ToLower(m)] = op
		}
	}
	// One path per command, each with its own body schema: the same
	// handler as /api/v1/commands/{name}, described command by command.
	for _, spec := range domain.Commands() {
		paths["/api/v1/commands/"+spec.Name] = map[string]any{"post": s.commandOperation(g, spec)}
	}
	return map[string]any{
		"openapi": OpenAPIVersion,
		"info": map[string]any{
			"title":   "tdkt — sổ cái thi đua, khen thưởng ngành Kiểm sát nhân dân",
			"version": APIVersion,
			"description": "An event-sourced records ledger for emulation and commendation work. " +
				"Errors are RFC 9457 application/problem+json. Commands need a bearer token; " +
				"the permission table (role × command) is in each command's description.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas": g.defs,
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer",
					"description": "A token from the server's tokens file (stored there as its SHA-256)."},
			},
		},
	}
}

var muxVar = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?\}`)

// openapiPath turns a gorilla/mux template into an OpenAPI path and its
// path parameters ("{seq:[0-9]+}" becomes "{seq}" with pattern ^[0-9]+$).
func openapiPath(tpl string) (string, []any) {
	var params []any
	path := muxVar.ReplaceAllStringFunc(tpl, func(m string) string {
		sub := muxVar.FindStringSubmatch(m)
		schema := map[string]any{"type": "string"}
		if sub[2] != "" {
			schema["pattern"] = "^" + sub[2] + "$"
		}
		params = append(params, map[string]any{"name": sub[1], "in": "path", "required": true, "schema": schema})
		return "{" + sub[1] + "}"
	})
	return path, params
}

func problemRef() map[string]any { return map[string]any{"$ref": "#/components/schemas/Problem"} }

func problemResponse(desc string) map[string]any {
	return map[string]any{"description": desc, "content": map[string]any{ProblemContentType: map[string]any{"schema": problemRef()}}}
}

// security returns the operation's security requirements for an access
// rule: none for public routes, a bearer token otherwise (or none, where
// the server lets anonymous callers in).
func (s *Server) security(a access) []any {
	bearer := map[string]any{"bearer": []any{}}
	switch {
	case a == accessPublic, s.anonymousMay(a):
		if a == accessPublic {
			return []any{}
		}
		return []any{bearer, map[string]any{}}
	}
	return []any{bearer}
}

func (s *Server) operation(g *schemaGen, rt route, method string, pathParams []any) map[string]any {
	op := map[string]any{
		"operationId": rt.Name,
		"summary":     rt.Summary,
		"tags":        []any{rt.Tag},
		"security":    s.security(rt.Access),
	}
	if method == http.MethodHead {
		op["operationId"] = rt.Name + "Head"
	}
	params := slices.Clone(pathParams)
	for _, p := range rt.Params {
		params = append(params, map[string]any{"name": p.Name, "in": p.In, "required": p.Required,
			"description": p.Description, "schema": paramSchema(p.Type)})
	}
	if rt.Name == "runCommand" {
		params = append(params, commandHeaderParams()...)
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{
			"schema": map[string]any{"type": "object", "description": "The command's body: see /api/v1/commands/<Name> for each command's schema."}}}}
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	responses := map[string]any{}
	for _, resp := range rt.Responses {
		responses[strconv.Itoa(resp.Status)] = g.response(resp, method == http.MethodHead)
	}
	if rt.Name == "runCommand" {
		maps := commandResponses()
		for k, v := range maps {
			responses[k] = v
		}
	}
	if rt.Access != accessPublic {
		responses["401"] = problemResponse("Missing or invalid bearer token (WWW-Authenticate: Bearer)")
	}
	responses["default"] = problemResponse("Any other failure, as an RFC 9457 problem")
	op["responses"] = responses
	return op
}

func paramSchema(typ string) map[string]any {
	if typ == "integer" {
		return map[string]any{"type": "integer", "minimum": 0}
	}
	return map[string]any{"type": "string"}
}

func (g *schemaGen) response(resp response, head bool) map[string]any {
	out := map[string]any{"description": http.StatusText(resp.Status)}
	if head {
		return out
	}
	ct := resp.ContentType
	var schema any
	switch {
	case resp.Problem:
		ct, schema = ProblemContentType, problemRef()
	case resp.Schema != nil:
		schema = resp.Schema
	case resp.Text:
		schema = map[string]any{"type": "string"}
	case resp.Body != nil:
		schema = g.of(reflect.TypeOf(resp.Body))
	}
	if schema == nil && resp.Example == nil && len(resp.Also) == 0 {
		return out // no body (e.g. 304)
	}
	if ct == "" {
		ct = "application/json"
	}
	media := map[string]any{}
	if schema != nil {
		media["schema"] = schema
	}
	if resp.Example != nil {
		media["example"] = resp.Example
	}
	content := map[string]any{ct: media}
	for _, alt := range resp.Also {
		content[alt] = map[string]any{"schema": map[string]any{"type": "string"}}
	}
	out["content"] = content
	return out
}

func commandHeaderParams() []any {
	return []any{
		map[string]any{"name": "Idempotency-Key", "in": "header", "required": false, "schema": map[string]any{"type": "string", "minLength": 1, "maxLength": MaxIdempotencyKeyLen},
			"description": "Makes a retried request return the original response and write nothing new; the same key with a different body is a 422."},
		map[string]any{"name": "If-Match", "in": "header", "required": false, "schema": map[string]any{"type": "string"},
			"description": "The stream revision the caller expects, as expectedRevision; a stale one is a 409."},
	}
}

func commandResponses() map[string]any {
	ref := map[string]any{"$ref": "#/components/schemas/CommandResult"}
	return map[string]any{
		"201": map[string]any{"description": "Recorded", "content": map[string]any{"application/json": map[string]any{"schema": ref,
			"example": map[string]any{"stream": "council-hd-tinh-a", "revision": 3, "correlation": "01900000-0000-7000-8000-000000000001",
				"events": []any{map[string]any{"id": "01900000-0000-7000-8000-000000000002", "type": "CouncilReconstituted", "seq": 41}}}}}},
		"200": map[string]any{"description": "Nothing to record: the command asks for what already holds", "content": map[string]any{"application/json": map[string]any{"schema": ref}}},
		"400": problemResponse("Malformed JSON (with offset), a bad field, or a bad header"),
		"403": problemResponse("The role may not run this command, or not for this unit (role and permission members)"),
		"404": problemResponse("No such command, or a record the command names does not exist"),
		"409": problemResponse("Stale expectedRevision / If-Match (currentRevision member), or a conflict with the record"),
		"413": problemResponse("Body over 1 MiB"),
		"415": problemResponse("Content-Type is not application/json"),
		"422": problemResponse("Rules violated (errors member: every rule with id and citation), or an Idempotency-Key reused for another request"),
	}
}

// commandOperation describes POST /api/v1/commands/<Name> for one command.
func (s *Server) commandOperation(g *schemaGen, spec domain.CommandSpec) map[string]any {
	t := reflect.TypeOf(spec.New())
	body := g.inline(t)
	props, _ := body["properties"].(map[string]any)
	if props == nil {
		props = map[string]any{}
		body["properties"] = props
	}
	own := jsonFieldNames(t)
	if !own[expectedRevisionMember] {
		props[expectedRevisionMember] = map[string]any{"type": "integer", "minimum": 0,
			"description": "The revision the caller expects the command's stream to be at (as If-Match)."}
	}
	if !own[legalBasisMember] {
		props[legalBasisMember] = map[string]any{"type": "object", "additionalProperties": false, "required": []any{"number"},
			"description": "The legal basis recorded in the events' envelope (default: the command's document number).",
			"properties": map[string]any{"number": map[string]any{"type": "string"}, "date": map[string]any{"type": "string", "format": "date"},
				"issuer": map[string]any{"type": "string"}}}
	}
	if !own[effectiveDateMember] {
		props[effectiveDateMember] = map[string]any{"type": "string", "format": "date",
			"description": "The date the act takes effect: the events' effective date and the date the rules are judged on (default: today in Vietnam)."}
	}
	name := spec.Name + "Command"
	g.defs[name] = body
	roles := rolesFor(spec.Name)
	rs := make([]string, len(roles))
	for i, r := range roles {
		rs[i] = string(r)
	}
	return map[string]any{
		"operationId":       "run" + spec.Name,
		"summary":           spec.Summary,
		"description":       fmt.Sprintf("Appends to the %s-<id> stream. Permission: %s.", spec.Aggregate, permissionText(spec.Name)),
		"tags":              []any{"commands"},
		"security":          []any{map[string]any{"bearer": []any{}}},
		"parameters":        commandHeaderParams(),
		"x-tdkt-roles":      rs,
		"x-tdkt-permission": permissionDoc(spec.Name),
		"requestBody": map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{
			"schema":  map[string]any{"$ref": "#/components/schemas/" + name},
			"example": g.example(body, ""),
		}}},
		"responses": func() map[string]any {
			r := commandResponses()
			r["401"] = problemResponse("Missing or invalid bearer token (WWW-Authenticate: Bearer)")
			r["default"] = problemResponse("Any other failure")
			return r
		}(),
	}
}

// permissionDoc is the permission table's row for command, for the
// document: each role besides admin with its scope and fields.
func permissionDoc(command string) map[string]any {
	out := map[string]any{}
	names := map[scopeKind]string{scopeOwn: "own", scopeTree: "tree", scopeCluster: "cluster"}
	for r, g := range permissions[command] {
		out[string(r)] = map[string]any{"scope": names[g.Scope], "fields": toAny(g.Fields)}
	}
	return out
}

// schemaGen derives JSON Schemas from Go types. Named struct types of the
// domain become components; everything else is inlined.
type schemaGen struct {
	defs map[string]any
}

var (
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	dateType      = reflect.TypeFor[domain.Date]()
)

// enums are the vocabulary types and their codes.
var enums = func() map[reflect.Type][]string {
	m := map[reflect.Type][]string{}
	add := func(t reflect.Type, codes []string) { m[t] = codes }
	add(reflect.TypeFor[domain.AwardKind](), codes(domain.AwardKinds()))
	add(reflect.TypeFor[domain.PerformanceRating](), codes(domain.PerformanceRatings()))
	add(reflect.TypeFor[domain.DisciplineForm](), codes(domain.DisciplineForms()))
	add(reflect.TypeFor[domain.InitiativeScope](), codes(domain.InitiativeScopes()))
	add(reflect.TypeFor[domain.AwardBasis](), codes(domain.AwardBases()))
	add(reflect.TypeFor[domain.UnitLevel](), codes(domain.UnitLevels()))
	add(reflect.TypeFor[domain.UnitKind](), codes(domain.UnitKinds()))
	add(reflect.TypeFor[domain.ClusterKind](), codes(domain.ClusterKinds()))
	add(reflect.TypeFor[domain.ClusterRole](), codes(domain.ClusterRoles()))
	add(reflect.TypeFor[domain.CouncilKind](), codes(domain.CouncilKinds()))
	add(reflect.TypeFor[domain.CouncilRole](), codes(domain.CouncilRoles()))
	add(reflect.TypeFor[domain.Regime](), codes(domain.Regimes()))
	add(reflect.TypeFor[domain.RevocationGround](), codes(domain.RevocationGrounds()))
	add(reflect.TypeFor[domain.ProceedingKind](), codes(domain.ProceedingKinds()))
	add(reflect.TypeFor[domain.BallotKind](), codes(domain.BallotKinds()))
	add(reflect.TypeFor[domain.LeadershipMethod](), codes(domain.LeadershipMethods()))
	add(reflect.TypeFor[domain.MergeMode](), codes(domain.MergeModes()))
	add(reflect.TypeFor[domain.PlanDecision](), codes(domain.PlanDecisions()))
	add(reflect.TypeFor[domain.ScoreStage](), codes(domain.ScoreStages()))
	add(reflect.TypeFor[domain.SubjectKind](), codes(domain.SubjectKinds()))
	add(reflect.TypeFor[domain.MovementKind](), codes(domain.MovementKinds()))
	add(reflect.TypeFor[domain.MovementScope](), codes(domain.MovementScopes()))
	add(reflect.TypeFor[domain.ReviewKind](), codes(domain.ReviewKinds()))
	add(reflect.TypeFor[domain.Verdict](), codes(domain.Verdicts()))
	add(reflect.TypeFor[domain.AwardLevel](), codes(domain.AwardLevels()))
	add(reflect.TypeFor[domain.DossierItemKind](), codes(domain.DossierItemKinds()))
	add(reflect.TypeFor[domain.LeaveReason](), codes(domain.LeaveReasons()))
	return m
}()

func codes[T fmt.Stringer](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

// jsonName returns a struct field's JSON name and whether it may be
// omitted (omitempty or omitzero); ok is false for fields JSON skips.
func jsonName(f reflect.StructField) (name string, optional, ok bool) {
	if !f.IsExported() {
		return "", false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	for o := range strings.SplitSeq(opts, ",") {
		if o == "omitempty" || o == "omitzero" {
			optional = true
		}
	}
	return name, optional, true
}

// of returns the schema of t: a $ref for named domain structs, inline
// otherwise.
func (g *schemaGen) of(t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer {
		inner := g.of(t.Elem())
		if typ, ok := inner["type"].(string); ok && len(inner) == 1 {
			return map[string]any{"type": []any{typ, "null"}}
		}
		return map[string]any{"anyOf": []any{inner, map[string]any{"type": "null"}}}
	}
	if codes, ok := enums[t]; ok {
		return map[string]any{"type": "string", "enum": toAny(codes)}
	}
	if t == dateType {
		return map[string]any{"type": "string", "format": "date"}
	}
	if t.Implements(textMarshaler) {
		return map[string]any{"type": "string"}
	}
	if t.Implements(jsonMarshaler) {
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string"}
		}
		return map[string]any{"type": "array", "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Struct:
		if t.PkgPath() == reflect.TypeFor[domain.Date]().PkgPath() && t.Name() != "" {
			if _, done := g.defs[t.Name()]; !done {
				g.defs[t.Name()] = map[string]any{} // placeholder against recursion
				g.defs[t.Name()] = g.inline(t)
			}
			return map[string]any{"$ref": "#/components/schemas/" + t.Name()}
		}
		return g.inline(t)
	}
	return map[string]any{}
}

// inline returns the object schema of struct type t: its JSON fields,
// required unless omitempty/omitzero, no other members (the domain decodes
// strictly).
func (g *schemaGen) inline(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	props := map[string]any{}
	required := []any{}
	for _, f := range reflect.VisibleFields(t) {
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			continue // its fields are visible on their own
		}
		name, optional, ok := jsonName(f)
		if !ok {
			continue
		}
		props[name] = g.of(f.Type)
		if !optional {
			required = append(required, name)
		}
	}
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// exampleID is the id generated examples use: domain ids are canonical UUIDs.
const exampleID = "01900000-0000-7000-8000-000000000001"

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// example returns a value that satisfies schema (a generated command
// example: plausible ids, years, dates and document numbers by field
// name). It follows $refs into the components.
func (g *schemaGen) example(schema map[string]any, field string) any {
	if ref, ok := schema["$ref"].(string); ok {
		def, _ := g.defs[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
		return g.example(def, field)
	}
	if e, ok := schema["enum"].([]any); ok && len(e) > 0 {
		return e[0]
	}
	if alts, ok := schema["anyOf"].([]any); ok && len(alts) > 0 {
		alt, _ := alts[0].(map[string]any)
		return g.example(alt, field)
	}
	typ := schema["type"]
	if ts, ok := typ.([]any); ok && len(ts) > 0 {
		typ = ts[0]
	}
	lower := strings.ToLower(field)
	switch typ {
	case "object":
		props, _ := schema["properties"].(map[string]any)
		if props == nil {
			return map[string]any{}
		}
		out := map[string]any{}
		req, _ := schema["required"].([]any)
		for _, r := range req {
			name := r.(string)
			p, _ := props[name].(map[string]any)
			out[name] = g.example(p, name)
		}
		return out
	case "array":
		items, _ := schema["items"].(map[string]any)
		return []any{g.example(items, strings.TrimSuffix(field, "s"))}
	case "integer":
		switch {
		case strings.Contains(lower, "year"):
			return 2024
		case strings.Contains(lower, "revision"):
			return 0
		}
		return 1
	case "number":
		return 1.0
	case "boolean":
		return false
	case "string":
		switch {
		case schema["format"] == "date":
			return "2024-03-01"
		case strings.HasSuffix(lower, "no") || strings.HasSuffix(lower, "number"):
			return "123/QĐ-VKSTC"
		case strings.HasSuffix(lower, "id") || strings.HasSuffix(lower, "ids") || strings.HasSuffix(lower, "ref"):
			return exampleID
		case strings.Contains(lower, "name"):
			return "Viện kiểm sát nhân dân tỉnh A"
		}
		return "văn bản mẫu"
	}
	return nil
}
