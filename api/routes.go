package api

import (
	"net/http"

	"github.com/gorilla/mux"
)

// route is one row of the server's route table. NewServer registers every
// row with gorilla/mux, wrapped in its access rule and its latency metric;
// /openapi.json describes the same rows, so the document cannot drift
// from what is served.
type route struct {
	// Name is the OpenAPI operationId and the mux route name.
	Name    string
	Methods []string
	// Path is the gorilla/mux template, e.g. "/api/v1/events/{seq:[0-9]+}/receipt".
	Path    string
	Access  access
	Handler http.HandlerFunc
	// Page marks an HTML page: it also accepts the token as the password
	// of HTTP Basic authentication (a browser cannot send a bearer token),
	// and its 401 is a page that says how, in Vietnamese.
	Page bool
	// Tag groups operations in the document.
	Tag     string
	Summary string
	// Params are the query (and header) parameters; path variables come
	// from Path.
	Params []param
	// Body describes the request body, for routes that take one.
	Body *requestBody
	// Responses are the documented outcomes. Problems for 401/403 are
	// added by the access rule; every route may also answer a 500 problem.
	Responses []response
}

// param is a query or header parameter.
type param struct {
	Name        string
	In          string // "query" or "header"
	Description string
	Required    bool
	// Type is the JSON Schema type: "integer" or "string".
	Type string
}

// requestBody is a JSON request body: one schema per content type.
type requestBody struct {
	// Schema is the body's JSON Schema.
	Schema map[string]any
	// Example, if set, must validate against Schema.
	Example any
}

// response is one documented response.
type response struct {
	Status int
	// ContentType defaults to application/json (application/problem+json
	// when Problem is set).
	ContentType string
	// Body is a value of the response's Go type; its JSON Schema is derived
	// by reflection. Nil with Text set means a text body.
	Body any
	// Schema overrides Body's derived schema.
	Schema map[string]any
	// Example, if set, must validate against the schema.
	Example any
	// Problem marks an RFC 9457 problem response.
	Problem bool
	// Text marks a body that is not JSON (text, JSON Lines, event stream).
	Text bool
	// Also lists other content types the same status may have (files:
	// CSV, HTML, XLSX), described as strings.
	Also []string
}

// RouteInfo is one method and path template the router serves.
type RouteInfo struct {
	Method string
	// Path is the gorilla/mux template.
	Path string
}

// Routes lists what the router serves, read from the router itself (not
// from the route table), so a test can check the OpenAPI document against
// it.
func (s *Server) Routes() []RouteInfo {
	var out []RouteInfo
	_ = s.router.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := r.GetPathTemplate()
		if err != nil {
			return nil
		}
		methods, _ := r.GetMethods()
		for _, m := range methods {
			out = append(out, RouteInfo{Method: m, Path: path})
		}
		return nil
	})
	return out
}
