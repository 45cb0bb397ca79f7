package api_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/tdkt/tdkt/api"
)

// checkPage checks what every page must be: HTML in Vietnamese, a strict
// CSP, no script and no inline style, and the expected text.
func checkPage(t *testing.T, resp *http.Response, body []byte, want ...string) {
	t.Helper()
	html := string(body)
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, need := range []string{"default-src 'none'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, need) {
			t.Errorf("CSP %q lacks %q", csp, need)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP %q allows too much", csp)
	}
	if !strings.Contains(html, `<html lang="vi">`) {
		t.Error(`no <html lang="vi">`)
	}
	for _, bad := range []*regexp.Regexp{regexp.MustCompile(`(?i)<script`), regexp.MustCompile(`(?i)<style`),
		regexp.MustCompile(`(?i)\sstyle=`), regexp.MustCompile(`(?i)\son[a-z]+=`), regexp.MustCompile(`(?i)javascript:`)} {
		if bad.MatchString(html) {
			t.Errorf("page has %s", bad)
		}
	}
	// Every form control has a label.
	for _, m := range regexp.MustCompile(`<(?:input|select)[^>]*\sid="([^"]+)"`).FindAllStringSubmatch(html, -1) {
		if !strings.Contains(html, `<label for="`+m[1]+`"`) {
			t.Errorf("control %s has no label", m[1])
		}
	}
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func TestPages(t *testing.T) {
	e := MustOpenQueryEnv(t, nil)

	t.Run("Home", func(t *testing.T) {
		resp, body := e.fetch(t, "/", "", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		checkPage(t, resp, body, "Bảng xếp hạng thi đua", "Báo cáo phương án tổ chức lại cụm, khối thi đua", "Lịch sử hồ sơ", "Sổ cái",
			`href="/static/style.css"`, "Cần mã truy cập.")
	})

	t.Run("Stylesheet", func(t *testing.T) {
		resp, body := e.fetch(t, "/static/style.css", "", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" ||
			!strings.Contains(string(body), "@media print") || !strings.Contains(string(body), "A4") || !strings.Contains(string(body), "max-width: 640px") {
			t.Errorf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	})

	t.Run("Standings", func(t *testing.T) {
		resp, body := e.fetch(t, "/bang-xep-hang?nam=2024", api.RoleAuditor, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		checkPage(t, resp, body, "<h1>Bảng xếp hạng thi đua năm 2024</h1>", "Cụm thi đua khu vực Đông Bắc",
			`<label for="nam">Năm thi đua</label>`, `<label for="cum">Cụm, khối thi đua</label>`, `<label for="ngay">Số liệu tính đến hết ngày</label>`,
			`<td class="num">1</td>`+"\n<td>"+nameHG+`</td>`+"\n"+`<td class="num">10,1</td>`, "Đã điều chỉnh điểm 1 lần", "Cộng điểm chỉ tiêu bị bỏ sót")
		// As we believed it on 15/01/2025: Bắc Kạn first, Hà Giang 9,4.
		resp, body = e.fetch(t, "/bang-xep-hang?nam=2024&ngay=2025-01-15", api.RoleAuditor, nil)
		checkPage(t, resp, body, `<td class="num">1</td>`+"\n<td>"+nameBK+`</td>`, `<td class="num">9,4</td>`, "Tính đến hết ngày 15/01/2025")
		if strings.Contains(string(body), "Đã điều chỉnh điểm") {
			t.Error("the correction shows before it was recorded")
		}
		resp, body = e.fetch(t, "/bang-xep-hang?nam=2024&ngay=15-01-2025", api.RoleAuditor, nil)
		if resp.StatusCode != 400 || !strings.Contains(string(body), "Tham số không hợp lệ") || !strings.Contains(string(body), "ngay") {
			t.Errorf("bad date: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("Report", func(t *testing.T) {
		resp, body := e.fetch(t, "/bao-cao-to-chuc-lai?nam=2025", api.RoleAuditor, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		checkPage(t, resp, body, "<h1>BÁO CÁO PHƯƠNG ÁN TỔ CHỨC LẠI CỤM, KHỐI THI ĐUA NĂM 2025</h1>", "Cụm thi đua số 2",
			"Cụm thi đua khu vực Đông Bắc", "Giải thể cụm, khối", "Phương án được phê duyệt", "45/BC-VKS",
			"format=csv", "format=xlsx", "Tệp CSV", "Tệp Excel (XLSX)")
		for _, f := range []string{"csv", "xlsx"} {
			resp, body := e.fetch(t, "/bao-cao-to-chuc-lai?nam=2025&format="+f, api.RoleAuditor, nil)
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") || len(body) == 0 {
				t.Errorf("download %s: %d %s", f, resp.StatusCode, resp.Header.Get("Content-Disposition"))
			}
		}
	})

	t.Run("History", func(t *testing.T) {
		resp, body := e.fetch(t, "/lich-su-ho-so", api.RoleAuditor, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		checkPage(t, resp, body, "<h1>Lịch sử hồ sơ</h1>", `href="/lich-su-ho-so?stream=unit-`+qid("hg")+`"`, nameHG)
		resp, body = e.fetch(t, "/lich-su-ho-so?stream=cluster-"+qid("cl1"), api.RoleAuditor, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		checkPage(t, resp, body, "Các sự kiện của hồ sơ cluster-", "Thành lập cụm, khối thi đua", "<td>01/03/2024</td>",
			"09/HD-VKSTC ngày 01/03/2024 của VKSND tối cao", "can-bo-v16", "Thường trực Hội đồng Thi đua - Khen thưởng Ngành, Viện kiểm sát nhân dân tối cao",
			"Đổi tên cụm, khối thi đua", "Đưa đơn vị vào cụm, khối thi đua")
		resp, body = e.fetch(t, "/lich-su-ho-so?stream=nope-1", api.RoleAuditor, nil)
		if resp.StatusCode != 404 || !strings.Contains(string(body), "Không tìm thấy") {
			t.Errorf("unknown record: %d", resp.StatusCode)
		}
	})

	t.Run("Ledger", func(t *testing.T) {
		resp, body := e.fetch(t, "/so-cai", api.RoleAuditor, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		checkPage(t, resp, body, "<h1>Sổ cái</h1>", "Số sự kiện trong sổ cái", "Sẵn sàng", "Sổ cái chưa có khóa ký", "standings")
	})

	t.Run("Access", func(t *testing.T) {
		for _, path := range []string{"/bang-xep-hang", "/bao-cao-to-chuc-lai", "/lich-su-ho-so", "/so-cai"} {
			resp, body := e.fetch(t, path, "", nil)
			if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic ") {
				t.Errorf("anonymous %s: %d %q", path, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
				continue
			}
			checkPage(t, resp, body, "Trang này cần mã truy cập.", "Mật khẩu", "tdkt_")
			// The token as the Basic password, as a browser sends it.
			req, _ := http.NewRequest("GET", e.srv.URL()+path, nil)
			req.SetBasicAuth("Nguyễn Văn A", e.tokens[api.RoleUnit])
			r2, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			r2.Body.Close()
			if r2.StatusCode != 200 {
				t.Errorf("basic %s: %d", path, r2.StatusCode)
			}
			req.SetBasicAuth("x", "tdkt_wrong")
			r3, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			r3.Body.Close()
			if r3.StatusCode != 401 {
				t.Errorf("wrong token %s: %d", path, r3.StatusCode)
			}
		}
	})
}

func TestPagesPublic(t *testing.T) {
	e := MustOpenQueryEnv(t, func(s *api.Server) { s.PublicStandings, s.PublicLedger = true, true })
	for path, want := range map[string]int{"/bang-xep-hang?nam=2024": 200, "/bao-cao-to-chuc-lai?nam=2025": 200, "/so-cai": 200, "/lich-su-ho-so": 401} {
		if resp, _ := e.fetch(t, path, "", nil); resp.StatusCode != want {
			t.Errorf("anonymous %s: %d, want %d", path, resp.StatusCode, want)
		}
	}
	resp, body := e.fetch(t, "/", "", nil)
	checkPage(t, resp, body, "Công khai.")
}
