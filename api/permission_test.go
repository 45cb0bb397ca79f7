package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/api"
	"github.com/tdkt/tdkt/domain"
)

// commandDoc is what the matrix test reads of a command in /openapi.json.
type commandDoc struct {
	Roles      []string `json:"x-tdkt-roles"`
	Permission map[string]struct {
		Scope  string   `json:"scope"`
		Fields []string `json:"fields"`
	} `json:"x-tdkt-permission"`
	RequestBody struct {
		Content map[string]struct {
			Example map[string]any `json:"example"`
		} `json:"content"`
	} `json:"requestBody"`
}

func openAPIDoc(t *testing.T, srv *api.Server) map[string]any {
	t.Helper()
	resp, body := get(t, "GET", srv.URL()+"/openapi.json", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /openapi.json: %d %s", resp.StatusCode, body)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestPermissionMatrix runs every command of the catalog with every role.
// A role the table allows gets past authorization (not 401/403; the body
// is the document's example with the scope fields set to the token's
// unit); any other role gets a 403 naming the role and the table's row.
func TestPermissionMatrix(t *testing.T) {
	env := MustOpenCommandEnv(t)
	doc := openAPIDoc(t, env.srv)
	paths := doc["paths"].(map[string]any)
	units := map[api.Role]string{api.RoleCouncil: unitA, api.RoleCluster: cluster1, api.RoleUnit: unitKV1}
	for _, spec := range domain.Commands() {
		raw, _ := json.Marshal(paths["/api/v1/commands/"+spec.Name].(map[string]any)["post"])
		var cd commandDoc
		if err := json.Unmarshal(raw, &cd); err != nil {
			t.Fatal(err)
		}
		for _, role := range api.Roles() {
			t.Run(spec.Name+"/"+string(role), func(t *testing.T) {
				body := cd.RequestBody.Content["application/json"].Example
				if body == nil {
					t.Fatal("no example body")
				}
				body = cloneJSON(t, body)
				allowed := slices.Contains(cd.Roles, string(role))
				if g, ok := cd.Permission[string(role)]; ok {
					for _, f := range g.Fields {
						switch {
						case f == "subject:unit":
							if _, has := body["subject"]; has {
								body["subject"] = map[string]any{"kind": "TAP_THE", "id": units[role]}
							}
						case strings.Contains(f, "->"):
						default:
							if _, has := body[f]; has {
								body[f] = units[role]
							}
						}
					}
				}
				before := env.head(t)
				resp, b := env.post(t, spec.Name, role, mustJSON(t, body), nil)
				switch {
				case allowed && (resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden):
					t.Fatalf("%s may run %s but got %d: %s", role, spec.Name, resp.StatusCode, b)
				case allowed && resp.StatusCode >= 500:
					t.Errorf("%s %s: %d %s", role, spec.Name, resp.StatusCode, b)
				case !allowed:
					if resp.StatusCode != http.StatusForbidden {
						t.Fatalf("%s may not run %s but got %d: %s", role, spec.Name, resp.StatusCode, b)
					}
					p := decodeFullProblem(t, resp, b)
					if p.Role != string(role) || !strings.HasPrefix(p.Permission, spec.Name+": admin") {
						t.Errorf("403 does not name the role and the table's row: %s", b)
					}
					if env.head(t) != before {
						t.Errorf("a forbidden command wrote")
					}
				}
			})
		}
	}
}

func cloneJSON(t *testing.T, v map[string]any) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(mustJSON(t, v), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestScopeHierarchy checks the unit scope: a council acts for its unit
// and the units under it; a unit only for itself.
func TestScopeHierarchy(t *testing.T) {
	env := MustOpenCommandEnv(t)
	tests := []struct {
		name   string
		role   api.Role
		body   []byte
		status int
	}{
		{"UnitOwn", api.RoleUnit, registration("TAP_THE", unitKV1, ""), 201},
		{"UnitNotItsParent", api.RoleUnit, registration("TAP_THE", unitA, ""), 403},
		{"UnitViaOtherUnit", api.RoleUnit, registration("TAP_THE", unitKV1, unitB), 403},
		{"CouncilOwnUnit", api.RoleCouncil, registration("TAP_THE", unitA, ""), 201},
		{"CouncilSubordinate", api.RoleCouncil, registrationOf("TAP_THE", unitKV1, "", 2023), 201},
		{"CouncilNotSibling", api.RoleCouncil, registration("TAP_THE", unitB, ""), 403},
		{"CouncilNotParent", api.RoleCouncil, registration("TAP_THE", unitTC, ""), 403},
		{"ClusterNotARegistrar", api.RoleCluster, registration("TAP_THE", unitKV1, ""), 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := env.head(t)
			resp, b := env.post(t, "SubmitRegistration", tt.role, tt.body, nil)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
			if tt.status >= 400 && env.head(t) != before {
				t.Errorf("written on %d", tt.status)
			}
		})
	}
}

// TestPermissionTableCoversCatalog lists each command's allowed roles, so
// that a command added to the catalog shows up here as admin-only until
// the table says otherwise.
func TestPermissionTableCoversCatalog(t *testing.T) {
	env := MustOpenCommandEnv(t)
	doc := openAPIDoc(t, env.srv)
	paths := doc["paths"].(map[string]any)
	for _, spec := range domain.Commands() {
		op := paths["/api/v1/commands/"+spec.Name].(map[string]any)["post"].(map[string]any)
		if !strings.Contains(op["description"].(string), "Permission: "+spec.Name+": admin") {
			t.Errorf("%s: description lacks the permission row: %s", spec.Name, op["description"])
		}
	}
}
