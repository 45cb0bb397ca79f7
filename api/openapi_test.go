package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/tdkt/tdkt/api"
)

// loadOpenAPI fetches /openapi.json and loads it with kin-openapi.
func loadOpenAPI(t *testing.T, srv *api.Server) *openapi3.T {
	t.Helper()
	resp, body := get(t, "GET", srv.URL()+"/openapi.json", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /openapi.json: %d %s", resp.StatusCode, body)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(body)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if doc.OpenAPI != "3.1.0" || !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("validate: %v", err)
	}
	return doc
}

func TestOpenAPI(t *testing.T) {
	env := MustOpenCommandEnv(t)
	doc := loadOpenAPI(t, env.srv)

	t.Run("EveryRouteDescribed", func(t *testing.T) {
		routes := env.srv.Routes()
		if len(routes) < 10 {
			t.Fatalf("only %d routes", len(routes))
		}
		for _, r := range routes {
			path := muxToOpenAPI(r.Path)
			item := doc.Paths.Find(path)
			if item == nil {
				t.Errorf("%s %s: no path %s in the document", r.Method, r.Path, path)
				continue
			}
			if item.GetOperation(r.Method) == nil {
				t.Errorf("%s %s: no operation", r.Method, path)
			}
		}
	})

	t.Run("EveryExampleValidates", func(t *testing.T) {
		n := 0
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				check := func(where string, mt *openapi3.MediaType) {
					if mt == nil || mt.Example == nil || mt.Schema == nil {
						return
					}
					n++
					if err := mt.Schema.Value.VisitJSON(mt.Example, openapi3.EnableJSONSchema2020()); err != nil {
						t.Errorf("%s %s %s: example does not validate: %v", method, path, where, err)
					}
				}
				if op.RequestBody != nil {
					for ct, mt := range op.RequestBody.Value.Content {
						check("request "+ct, mt)
					}
				}
				for status, resp := range op.Responses.Map() {
					for ct, mt := range resp.Value.Content {
						check("response "+status+" "+ct, mt)
					}
				}
			}
		}
		if n < 60 {
			t.Errorf("only %d examples checked", n)
		}
	})

	t.Run("EveryCommandHasASchema", func(t *testing.T) {
		for path, item := range doc.Paths.Map() {
			if !strings.HasPrefix(path, "/api/v1/commands/") || strings.Contains(path, "{") {
				continue
			}
			op := item.Post
			if op == nil || op.RequestBody == nil || op.RequestBody.Value.Content["application/json"].Schema == nil {
				t.Errorf("%s: no body schema", path)
				continue
			}
			s := op.RequestBody.Value.Content["application/json"].Schema.Value
			if s.AdditionalProperties.Has == nil || *s.AdditionalProperties.Has {
				t.Errorf("%s: the body schema allows unknown members, the domain does not", path)
			}
		}
	})

	t.Run("RealResponsesValidate", func(t *testing.T) {
		result := doc.Components.Schemas["CommandResult"].Value
		problem := doc.Components.Schemas["Problem"].Value
		resp, body := env.post(t, "SubmitRegistration", api.RoleUnit, registration("TAP_THE", unitKV1, ""), nil)
		if resp.StatusCode != 201 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		validateJSON(t, result, body)
		_, body = env.post(t, "SubmitRegistration", api.RoleAuditor, registration("TAP_THE", unitKV1, ""), nil)
		validateJSON(t, problem, body)
		_, body = env.post(t, "SubmitRegistration", api.RoleUnit, []byte(`{"year":`), nil)
		validateJSON(t, problem, body)
	})
}

func validateJSON(t *testing.T, s *openapi3.Schema, body []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if err := s.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
		t.Errorf("%s does not validate: %v", body, err)
	}
}

// muxToOpenAPI turns "{seq:[0-9]+}" into "{seq}".
func muxToOpenAPI(p string) string {
	var b strings.Builder
	for {
		i := strings.Index(p, "{")
		if i < 0 {
			b.WriteString(p)
			return b.String()
		}
		j := strings.Index(p[i:], "}")
		name, _, _ := strings.Cut(p[i+1:i+j], ":")
		fmt.Fprintf(&b, "%s{%s}", p[:i], name)
		p = p[i+j+1:]
	}
}
