package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/api"
)

// TestHostileInput (issue 8 item 5): bodies an attacker or a broken client
// sends get a clear 4xx problem, write nothing, and leave the server
// healthy.
func TestHostileInput(t *testing.T) {
	env := MustOpenCommandEnv(t)
	reg := func(extra string) []byte {
		return []byte(`{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":2019,"targets":["TTLDTT"],"viaUnitId":"` + unitKV1 + `"` + extra + `}`)
	}
	cases := []struct {
		name   string
		cmd    string
		body   []byte
		header http.Header
		status int
	}{
		{"HugeBody", "SubmitRegistration", reg(`,"note":"` + strings.Repeat("A", 2<<20) + `"`), nil, http.StatusRequestEntityTooLarge},
		{"DeeplyNested", "SubmitRegistration", []byte(strings.Repeat(`{"a":`, 100000) + `1` + strings.Repeat(`}`, 100000)), nil, http.StatusBadRequest},
		{"DeeplyNestedArray", "SubmitRegistration", reg(`,"x":` + strings.Repeat(`[`, 50000) + strings.Repeat(`]`, 50000)), nil, http.StatusBadRequest},
		{"InvalidUTF8", "SubmitRegistration", []byte("{\"subject\":{\"kind\":\"TAP_THE\",\"id\":\"\xff\xfe\"},\"year\":2019,\"targets\":[\"TTLDTT\"]}"), nil, http.StatusBadRequest},
		{"NULInName", "EstablishUnit", []byte(`{"unitId":"0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506","name":"Viện kiểm sát\u0000","level":"KHU_VUC","kind":"VIEN_KIEM_SAT"}`), nil, http.StatusBadRequest},
		{"RawNULByte", "SubmitRegistration", append(reg(""), 0), nil, http.StatusBadRequest},
		{"VeryLongID", "EstablishUnit", []byte(`{"unitId":"` + strings.Repeat("9", 100000) + `","name":"Viện kiểm sát nhân dân khu vực 9","level":"KHU_VUC","kind":"VIEN_KIEM_SAT"}`), nil, http.StatusBadRequest},
		{"VeryLongName", "EstablishUnit", []byte(`{"unitId":"0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f507","name":"` + strings.Repeat("Việt ", 100000) + `","level":"KHU_VUC","kind":"VIEN_KIEM_SAT"}`), nil, http.StatusBadRequest},
		{"ManyTargets", "SubmitRegistration", []byte(`{"subject":{"kind":"TAP_THE","id":"` + unitKV1 + `"},"year":2018,"targets":[` + strings.TrimSuffix(strings.Repeat(`"TTLDTT",`, 10000), ",") + `],"viaUnitId":"` + unitKV1 + `"}`), nil, http.StatusBadRequest},
		{"NotAnObject", "SubmitRegistration", []byte(`[1,2,3]`), nil, http.StatusBadRequest},
		{"Empty", "SubmitRegistration", []byte(``), nil, http.StatusBadRequest},
		{"WrongContentType", "SubmitRegistration", reg(""), http.Header{"Content-Type": {"text/plain"}}, http.StatusUnsupportedMediaType},
		{"HugeIdempotencyKey", "SubmitRegistration", reg(""), http.Header{"Idempotency-Key": {strings.Repeat("k", 10000)}}, http.StatusBadRequest},
		{"UnknownCommand", "DropAllTables", reg(""), nil, http.StatusNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := env.head(t)
			resp, body := env.post(t, tc.cmd, api.RoleAdmin, tc.body, tc.header)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tc.status, body)
			}
			if resp.Header.Get("Content-Type") != api.ProblemContentType {
				t.Errorf("content type %q, want problem+json", resp.Header.Get("Content-Type"))
			}
			if len(body) > 16<<10 {
				t.Errorf("the problem echoes %d bytes back", len(body))
			}
			if env.head(t) != before {
				t.Fatalf("head %d -> %d: a hostile body wrote events", before, env.head(t))
			}
		})
	}
	// Still healthy, and still taking good commands.
	resp, body := env.post(t, "SubmitRegistration", api.RoleUnit, reg(""), nil)
	if resp.StatusCode != 201 {
		t.Fatalf("a good command after the hostile ones: %d %s", resp.StatusCode, body)
	}
	r, err := http.Get(env.srv.URL() + "/healthz")
	if err != nil || r.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", r, err)
	}
	r.Body.Close()
	_ = bytes.NewReader
}
