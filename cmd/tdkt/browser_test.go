package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests (issue 6 item 9): a real chromium, headless, against
// the real server with the demo sector. Each page loads with status 200,
// lang="vi" and its stylesheet, writes nothing to the console (no console
// error, no uncaught exception, no browser log error: a CSP violation is
// one), has a label for every control, does not scroll sideways at 1280 px
// or at phone width, and shows the rows the demo sector should give. A full
// page screenshot of each page at both widths is kept as an artefact in
// $TDKT_ARTIFACTS (else the test's temporary directory).

// chromiumNames are the browser binaries the tests look for, in order.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findChromium returns the path of a chromium on PATH, or "".
func findChromium() string {
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// viewport is one screen size a page is checked at.
type viewport struct {
	name          string
	width, height int64
	phone         bool
}

var browserViewports = []viewport{
	{name: "1280", width: 1280, height: 800},
	{name: "390", width: 390, height: 844, phone: true},
}

// browserPage is one page to visit: its path, the token it is visited
// with (as the password of HTTP Basic authentication), and its own checks,
// run in the tab after the page loaded at each viewport.
type browserPage struct {
	name  string
	path  func() string
	token string
	check func(t *testing.T, ctx context.Context, vp viewport)
}

// demoToken returns the token serve --demo printed for role.
func demoToken(t *testing.T, out, role string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == role && strings.HasPrefix(f[1], "tdkt_") {
			return f[1]
		}
	}
	t.Fatalf("no %s token printed:\n%s", role, out)
	return ""
}

// artefactDir is where the screenshots go: $TDKT_ARTIFACTS, else a
// temporary directory of the test.
func artefactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TDKT_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("TDKT_ARTIFACTS: %v", err)
	}
	return dir
}

// eval evaluates a JavaScript expression in the page and fails the test
// if it throws.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %.80q: %v", expr, err)
	}
	return v
}

// pageLayout is what every page is checked for at every viewport.
type pageLayout struct {
	Lang         string   `json:"lang"`
	Styled       bool     `json:"styled"`
	ScrollWidth  int      `json:"scrollWidth"`
	ClientWidth  int      `json:"clientWidth"`
	InnerWidth   int      `json:"innerWidth"`
	Wide         []string `json:"wide"`
	Unlabelled   []string `json:"unlabelled"`
	H1           string   `json:"h1"`
	StylesheetOK bool     `json:"stylesheetOK"`
}

// layoutJS reads pageLayout. Wide lists the elements that stick out of the
// viewport on the right, outside a horizontally scrolling box (.scroll
// holds the wide tables on purpose): they are what makes a page scroll
// sideways.
const layoutJS = `(() => {
  const de = document.documentElement;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.scroll') && !el.classList.contains('scroll')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > de.clientWidth + 1) {
      wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(r.right) + 'px: ' + (el.textContent || '').trim().slice(0, 60));
    }
  }
  const unlabelled = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden') continue;
    if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label')) unlabelled.push(el.outerHTML.slice(0, 80));
  }
  const header = document.querySelector('header.site');
  return {
    lang: de.lang,
    styled: !!header && getComputedStyle(header).borderBottomStyle === 'solid',
    stylesheetOK: [...document.styleSheets].some(s => s.href && s.href.endsWith('/static/style.css') && s.cssRules.length > 0),
    scrollWidth: de.scrollWidth,
    clientWidth: de.clientWidth,
    innerWidth: window.innerWidth,
    wide: wide.slice(0, 10),
    unlabelled,
    h1: (document.querySelector('h1') || {}).textContent || '',
  };
})()`

// consoleLog collects a tab's console errors, uncaught exceptions and
// browser log errors.
type consoleLog struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleLog) add(s string) {
	c.mu.Lock()
	c.msgs = append(c.msgs, s)
	c.mu.Unlock()
}

func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.msgs
	c.msgs = nil
	return m
}

// listenConsole starts collecting the tab's errors. chromedp enables the
// Runtime and Log domains on every tab it opens.
func listenConsole(t *testing.T, ctx context.Context) *consoleLog {
	t.Helper()
	c := &consoleLog{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					if a.Value != nil {
						args = append(args, string(a.Value))
					} else {
						args = append(args, a.Description)
					}
				}
				c.add(fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			c.add(fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber, msg))
		case *log.EventEntryAdded:
			if e := ev.Entry; e.Level == log.EntryLevelError {
				c.add(fmt.Sprintf("log %s error at %s: %s", e.Source, e.URL, e.Text))
			}
		}
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	return c
}

// TestBrowser drives headless chromium through every page of the demo
// sector.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	exe := findChromium()
	if exe == "" {
		t.Skipf("browser tests skipped: none of %s found on PATH; install Debian's chromium with `apt-get install -y chromium` (.ci/run does so in CI)",
			strings.Join(chromiumNames, ", "))
	}
	start := time.Now()

	dir := filepath.Join(t.TempDir(), "data")
	m, stdout, _ := MustRunMain(t, "serve", "--demo", "--addr", "127.0.0.1:0", "--data", dir)
	base := m.HTTPServer.URL()
	auditor := demoToken(t, stdout.String(), "auditor")
	deadline := time.Now().Add(20 * time.Second)
	for {
		if code, _ := httpGet(t, base+"/readyz"); code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("not ready 20 s after loading the demo")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("server with the demo sector ready in %v", time.Since(start).Round(time.Millisecond))
	artefacts := artefactDir(t)

	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoSandbox, // tests run as root in CI: chromium refuses its sandbox there
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	t.Logf("%s started in %v", exe, time.Since(start).Round(time.Millisecond))

	// The record whose history is shown: found on the history index page.
	var historyPath string

	pages := []browserPage{
		{name: "trang-chu", path: func() string { return "/" }, check: checkHomePage},
		{name: "bang-xep-hang-2024", path: func() string { return "/bang-xep-hang?nam=2024" }, check: checkStandings},
		{name: "bao-cao-to-chuc-lai-2025", path: func() string { return "/bao-cao-to-chuc-lai?nam=2025" }, check: checkReport(base)},
		{name: "lich-su-ho-so", path: func() string { return "/lich-su-ho-so" }, token: auditor,
			check: func(t *testing.T, ctx context.Context, vp viewport) { historyPath = checkHistoryIndex(t, ctx) }},
		{name: "lich-su-ho-so-don-vi", path: func() string { return historyPath }, token: auditor, check: checkHistory},
		{name: "so-cai", path: func() string { return "/so-cai" }, check: checkLedgerPage},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			if p.path() == "" {
				t.Skip("no record to show: the history index (subtest lich-su-ho-so) did not run or found none")
			}
			visit(t, browserCtx, base, artefacts, p)
		})
	}
	t.Run("csp-violation-is-seen", func(t *testing.T) { checkCSPSeen(t, browserCtx, base) })
	t.Logf("browser tests done in %v; screenshots in %s", time.Since(start).Round(time.Millisecond), artefacts)
}

// visit opens p in a new tab and checks it at every viewport.
func visit(t *testing.T, browserCtx context.Context, base, artefacts string, p browserPage) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelTab := context.WithTimeout(ctx, 20*time.Second)
	defer cancelTab()
	console := listenConsole(t, ctx)
	if p.token != "" {
		// Chrome refuses credentials in the URL of a navigation; the header
		// is what it sends after the Basic prompt.
		auth := "Basic " + base64.StdEncoding.EncodeToString([]byte("kiem-tra:"+p.token))
		if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Authorization": auth}}); err != nil {
			t.Fatalf("set the Authorization header: %v", err)
		}
	}
	url := base + p.path()
	for _, vp := range browserViewports {
		var emu []chromedp.EmulateViewportOption
		if vp.phone {
			emu = append(emu, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.width, vp.height, emu...)); err != nil {
			t.Fatalf("emulate %dx%d: %v", vp.width, vp.height, err)
		}
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
		if err != nil {
			t.Fatalf("open %s: %v", url, err)
		}
		if resp.Status != http.StatusOK || !strings.HasPrefix(resp.MimeType, "text/html") {
			t.Fatalf("GET %s: %d %s, want 200 text/html", url, resp.Status, resp.MimeType)
		}
		l := eval[pageLayout](t, ctx, layoutJS)
		if l.Lang != "vi" {
			t.Errorf("%s: <html lang=%q>, want \"vi\"", vp.name, l.Lang)
		}
		if !l.Styled || !l.StylesheetOK {
			t.Errorf("%s: the stylesheet is not applied (styled %v, /static/style.css loaded %v)", vp.name, l.Styled, l.StylesheetOK)
		}
		if l.H1 == "" {
			t.Errorf("%s: no <h1>", vp.name)
		}
		if len(l.Unlabelled) > 0 {
			t.Errorf("%s: controls without a label: %q", vp.name, l.Unlabelled)
		}
		if l.ScrollWidth > l.ClientWidth || l.ClientWidth > int(vp.width) {
			t.Errorf("%s px wide: the page scrolls sideways: scrollWidth %d, clientWidth %d, innerWidth %d; wide elements: %q",
				vp.name, l.ScrollWidth, l.ClientWidth, l.InnerWidth, l.Wide)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		file := filepath.Join(artefacts, "browser-"+p.name+"-"+vp.name+".png")
		if err := os.WriteFile(file, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s at %d px: %d B screenshot %s", p.path(), vp.width, len(shot), file)
		if p.check != nil {
			p.check(t, ctx, vp)
		}
		// A round trip after the checks: every event the page sent
		// before it has reached the listener.
		eval[bool](t, ctx, "true")
		for _, msg := range console.take() {
			t.Errorf("%s at %d px: %s", p.path(), vp.width, msg)
		}
	}
}

// checkCSPSeen is the control of the console checks: a style the page's
// Content-Security-Policy forbids is refused, and the refusal reaches the
// listener the pages are checked with.
func checkCSPSeen(t *testing.T, browserCtx context.Context, base string) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelTab := context.WithTimeout(ctx, 10*time.Second)
	defer cancelTab()
	console := listenConsole(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `(document.head.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>'), true)`)
	if c := eval[string](t, ctx, `getComputedStyle(document.body).color`); c == "rgb(255, 0, 0)" {
		t.Errorf("an inline style was applied: the page has no working Content-Security-Policy")
	}
	deadline := time.Now().Add(5 * time.Second)
	var got []string
	for time.Now().Before(deadline) {
		eval[bool](t, ctx, "true")
		if got = append(got, console.take()...); slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "Content Security Policy") }) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("the CSP refusal of an inline style did not reach the console listener; got %q", got)
}

// cells reads the text of the rows of the tables that sel finds.
func cells(t *testing.T, ctx context.Context, sel string) [][]string {
	t.Helper()
	return eval[[][]string](t, ctx, `[...document.querySelectorAll(`+jsString(sel)+`)].map(r => [...r.cells].map(c => c.innerText.trim()))`)
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func checkHomePage(t *testing.T, ctx context.Context, vp viewport) {
	type card struct {
		Href   string `json:"href"`
		Title  string `json:"title"`
		Access string `json:"access"`
	}
	cards := eval[[]card](t, ctx, `[...document.querySelectorAll('ul.cards li')].map(li => ({href: li.querySelector('a').getAttribute('href'), title: li.querySelector('a').innerText.trim(), access: li.querySelector('.access').innerText.trim()}))`)
	want := []struct{ prefix, title, access string }{
		{"/bang-xep-hang?nam=", "Bảng xếp hạng thi đua", "Công khai."},
		{"/bao-cao-to-chuc-lai?nam=", "Báo cáo phương án tổ chức lại cụm, khối thi đua", "Công khai."},
		{"/lich-su-ho-so", "Lịch sử hồ sơ", "Cần mã truy cập."},
		{"/so-cai", "Sổ cái", "Công khai."},
	}
	if len(cards) != len(want) {
		t.Fatalf("home page links: %+v, want %d", cards, len(want))
	}
	for i, w := range want {
		if c := cards[i]; !strings.HasPrefix(c.Href, w.prefix) || c.Title != w.title || c.Access != w.access {
			t.Errorf("home page link %d: %+v, want %s… %q %q", i, c, w.prefix, w.title, w.access)
		}
	}
}

// standingsCluster is one cluster's section of the standings page.
type standingsCluster struct {
	Name   string     `json:"name"`
	Leader string     `json:"leader"`
	Rows   [][]string `json:"rows"`
}

const standingsJS = `[...document.querySelectorAll('section.cluster')].map(s => ({
  name: s.querySelector('h2').firstChild.textContent.trim(),
  leader: ((s.querySelector('p strong') || {}).textContent || '').trim(),
  rows: [...s.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.innerText.trim())),
}))`

func checkStandings(t *testing.T, ctx context.Context, vp viewport) {
	cs := eval[[]standingsCluster](t, ctx, standingsJS)
	if len(cs) != 12 {
		t.Errorf("2024 standings: %d clusters, want 12 (as tdkt standings --year 2024 lists)", len(cs))
	}
	if len(cs) == 0 {
		t.Fatal("2024 standings: no cluster shown")
	}
	// Cụm thi đua số 1, as `tdkt standings --data DIR --year 2024` prints it.
	first := cs[0]
	want := [][2]string{
		{"1", "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh"},
		{"2", "Viện kiểm sát nhân dân Thành phố Hồ Chí Minh"},
		{"3", "Viện kiểm sát nhân dân cấp cao tại Hà Nội"},
		{"4", "Viện kiểm sát nhân dân cấp cao tại Đà Nẵng"},
		{"5", "Viện kiểm sát nhân dân thành phố Hà Nội"},
	}
	if first.Name != "Cụm thi đua số 1" || len(first.Rows) != len(want) {
		t.Fatalf("first cluster: %q with %d rows, want \"Cụm thi đua số 1\" with %d:\n%q", first.Name, len(first.Rows), len(want), first.Rows)
	}
	for i, w := range want {
		if r := first.Rows[i]; len(r) != 7 || r[0] != w[0] || r[1] != w[1] {
			t.Errorf("Cụm thi đua số 1, row %d: %q, want rank %s %s", i+1, r, w[0], w[1])
		}
	}
	if got := first.Rows[0][2]; got != "95,75" && got != "95.75" {
		t.Errorf("Cụm thi đua số 1: first total %q, want 95,75", got)
	}
	if first.Leader != want[0][1] {
		t.Errorf("Cụm thi đua số 1: leader %q, want %q", first.Leader, want[0][1])
	}
	for _, c := range cs {
		for i, r := range c.Rows {
			if len(r) != 7 || r[0] != fmt.Sprint(i+1) || r[1] == "" {
				t.Errorf("%s row %d: %q", c.Name, i+1, r)
			}
		}
	}
	if vp.phone {
		return
	}
	// The form, as a user fills it: pick the second cluster, submit.
	type option struct{ Value, Text string }
	opts := eval[[]option](t, ctx, `[...document.querySelectorAll('#cum option')].map(o => ({Value: o.value, Text: o.textContent.trim()}))`)
	if len(opts) != len(cs)+1 || opts[0].Value != "" {
		t.Fatalf("cluster options: %+v", opts)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("cum"), opts[2].Value)); err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)))
	if err != nil || resp.Status != 200 {
		t.Fatalf("submit the standings form: %v %v", resp, err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	one := eval[[]standingsCluster](t, ctx, standingsJS)
	if !strings.Contains(loc, "cum="+opts[2].Value) || len(one) != 1 || one[0].Name != cs[1].Name || !slices.EqualFunc(one[0].Rows, cs[1].Rows, slices.Equal) {
		t.Errorf("the form for %q went to %s and shows %+v, want that cluster as on the full page", opts[2].Text, loc, one)
	}
	// As the ledger stood on 1 January 2024: no 2024 scores yet.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("ngay"), "2024-01-01")); err != nil {
		t.Fatal(err)
	}
	if resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`))); err != nil || resp.Status != 200 {
		t.Fatalf("submit the standings form with a date: %v %v", resp, err)
	}
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	if n := len(eval[[]standingsCluster](t, ctx, standingsJS)); !strings.Contains(loc, "ngay=2024-01-01") || n != 0 ||
		!strings.Contains(eval[string](t, ctx, `document.querySelector('main').innerText`), "Chưa có kết quả chấm điểm thi đua của năm 2024") {
		t.Errorf("standings as of 2024-01-01 (%s): %d clusters, want none and the empty notice", loc, n)
	}
}

func checkReport(base string) func(t *testing.T, ctx context.Context, vp viewport) {
	return func(t *testing.T, ctx context.Context, vp viewport) {
		if h1 := eval[string](t, ctx, `document.querySelector('h1').innerText`); !strings.Contains(strings.ToUpper(h1), "TỔ CHỨC LẠI CỤM, KHỐI THI ĐUA NĂM 2025") {
			t.Errorf("report title %q", h1)
		}
		summary := cells(t, ctx, "table.summary tbody tr")
		wantSummary := map[string]string{
			"Số cụm thi đua trước tổ chức lại": "10", "Số khối thi đua trước tổ chức lại": "3",
			"Số cụm thi đua sau tổ chức lại": "15", "Số khối thi đua sau tổ chức lại": "7",
			"Phương án được phê duyệt": "3",
		}
		for _, r := range summary {
			if w, ok := wantSummary[r[0]]; ok {
				if r[1] != w {
					t.Errorf("summary %q = %s, want %s", r[0], r[1], w)
				}
				delete(wantSummary, r[0])
			}
		}
		if len(wantSummary) > 0 {
			t.Errorf("summary rows missing: %v (have %q)", wantSummary, summary)
		}
		type section struct {
			Title string     `json:"title"`
			Rows  [][]string `json:"rows"`
		}
		secs := eval[[]section](t, ctx, `[...document.querySelectorAll('main section')].map(s => ({title: s.querySelector('h2').innerText.trim(), rows: [...s.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.innerText.trim()))}))`)
		byTitle := map[string][][]string{}
		for _, s := range secs {
			byTitle[strings.SplitN(s.Title, " (", 2)[0]] = s.Rows
		}
		before, after := byTitle["Cụm, khối thi đua trước tổ chức lại"], byTitle["Cụm, khối thi đua sau tổ chức lại"]
		if len(before) != 13 || len(after) != 22 {
			t.Errorf("clusters before/after: %d/%d rows, want 13/22 (10+3 and 15+7)", len(before), len(after))
		}
		if len(before) > 0 && (len(before[0]) != 8 || before[0][2] != "Cụm thi đua số 1" || before[0][3] != "5" ||
			!strings.Contains(before[0][4], "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh")) {
			t.Errorf("first cluster before: %q", before[0])
		}
		hasUnit := func(rows [][]string, unit string) bool {
			return slices.ContainsFunc(rows, func(r []string) bool {
				return slices.ContainsFunc(r, func(c string) bool { return strings.Contains(c, unit) })
			})
		}
		const ag = "Viện kiểm sát nhân dân tỉnh An Giang"
		if !hasUnit(before, ag) || !hasUnit(after, ag) {
			t.Errorf("%s: in the clusters before %v, after %v; want both", ag, hasUnit(before, ag), hasUnit(after, ag))
		}
		if changes := byTitle["Các thay đổi"]; len(changes) == 0 || len(changes[0]) != 6 || changes[0][0] == "Không có" {
			t.Errorf("changes: %q", changes)
		}
		if plans := byTitle["Phương án gửi Thường trực Hội đồng Thi đua - Khen thưởng Ngành"]; len(plans) != 3 {
			t.Errorf("plans: %d rows, want 3: %q", len(plans), plans)
		}
		if vp.phone {
			return
		}
		// The downloads are the page: fetch the links the page shows.
		links := eval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll('.downloads a')].map(a => [a.innerText.trim(), a.getAttribute('href')]))`)
		for text, want := range map[string]string{"Tệp CSV": "text/csv", "Tệp Excel (XLSX)": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} {
			href := links[text]
			if !strings.Contains(href, "asOf=") {
				t.Errorf("download %q: %q is not pinned to the seq shown", text, href)
				continue
			}
			resp, err := http.Get(base + href)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), want) {
				t.Errorf("download %q (%s): %d %s", text, href, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			if want == "text/csv" && !strings.Contains(string(b), ag) || want != "text/csv" && !strings.HasPrefix(string(b), "PK") {
				t.Errorf("download %q: %d bytes, not the report", text, len(b))
			}
		}
		// Printed: A4 landscape without navigation or forms.
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		if hidden := eval[bool](t, ctx, `['header.site nav', 'form.filters', '.downloads', 'footer.site'].every(s => getComputedStyle(document.querySelector(s)).display === 'none')`); !hidden {
			t.Errorf("printed, the report still shows navigation, form, downloads or footer")
		}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
			t.Fatal(err)
		}
	}
}

// checkHistoryIndex checks the index of records and returns the path of
// the history of Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh.
func checkHistoryIndex(t *testing.T, ctx context.Context) string {
	if who := eval[string](t, ctx, `(document.querySelector('.who') || {}).textContent || ''`); !strings.Contains(who, "Kiểm tra, giám sát") {
		t.Errorf("history index: who %q, want the auditor role", who)
	}
	type unit struct {
		Name string `json:"name"`
		Href string `json:"href"`
	}
	units := eval[[]unit](t, ctx, `[...document.querySelectorAll('ul.units li a')].map(a => ({name: a.innerText.trim(), href: a.getAttribute('href')}))`)
	if len(units) < 50 {
		t.Errorf("history index: %d units listed", len(units))
	}
	for _, u := range units {
		if u.Name == "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh" && strings.HasPrefix(u.Href, "/lich-su-ho-so?stream=unit-") {
			return u.Href
		}
	}
	t.Errorf("history index: no link to Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh in %d units", len(units))
	return ""
}

func checkHistory(t *testing.T, ctx context.Context, vp viewport) {
	rows := cells(t, ctx, "table.history tbody tr")
	if len(rows) == 0 {
		t.Fatal("history: no events")
	}
	var withActor, withBasis int
	for i, r := range rows {
		if len(r) != 6 || r[0] == "" || r[1] == "" || r[2] == "" || r[5] == "" {
			t.Errorf("history row %d: %q", i, r)
			continue
		}
		if r[3] != "Không rõ người ghi" {
			withActor++
		}
		if r[4] != "Không ghi căn cứ" {
			withBasis++
		}
	}
	if withActor == 0 || withBasis == 0 {
		t.Errorf("history: %d of %d rows name who recorded them and %d a legal basis:\n%q", withActor, len(rows), withBasis, rows)
	}
	if !strings.Contains(eval[string](t, ctx, `document.querySelector('table.history caption').innerText`), "unit-") {
		t.Errorf("history caption does not name the record")
	}
}

func checkLedgerPage(t *testing.T, ctx context.Context, vp viewport) {
	type fact struct{ Term, Value string }
	facts := eval[[]fact](t, ctx, `[...document.querySelectorAll('dl.facts dt')].map(dt => ({Term: dt.innerText.trim(), Value: dt.nextElementSibling.innerText.trim()}))`)
	got := map[string]string{}
	for _, f := range facts {
		got[f.Term] = f.Value
	}
	if got["Số sự kiện trong sổ cái"] != "993" {
		t.Errorf("ledger size %q, want 993 (the demo)", got["Số sự kiện trong sổ cái"])
	}
	if !strings.HasPrefix(got["Trạng thái"], "Sẵn sàng") {
		t.Errorf("ledger state %q, want ready", got["Trạng thái"])
	}
	if rows := cells(t, ctx, "main table tbody tr"); len(rows) == 0 || len(rows[0]) != 4 {
		t.Errorf("projections: %q", rows)
	}
}
