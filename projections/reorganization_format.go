package projections

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The reorganisation report's output formats. JSON is the struct itself
// (encoding/json); CSV, HTML and XLSX are written from the same tables, in
// Vietnamese, with dates as dd/mm/yyyy.

// reportTable is one section of the report as rows of text.
type reportTable struct {
	Sheet  string // XLSX sheet name (≤ 31 characters)
	Title  string
	Header []string
	Rows   [][]string
}

func joinUnits(us []UnitRef) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Name
	}
	return strings.Join(names, "; ")
}

func joinClusters(cs []ClusterRef) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return strings.Join(names, "; ")
}

func refName(u *UnitRef) string {
	if u == nil {
		return ""
	}
	return u.Name
}

func clusterRows(cs []Cluster) [][]string {
	rows := [][]string{}
	for i, c := range cs {
		inCharge := ""
		if c.InCharge != nil {
			inCharge = c.InCharge.Name
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), c.KindLabel, c.Name, strconv.Itoa(len(c.Members)),
			joinUnits(c.Members), refName(c.Leader), refName(c.Deputy), inCharge})
	}
	return rows
}

func docLabel(d *DocRef) string {
	if d == nil {
		return ""
	}
	s := d.Number
	if d.Date != "" {
		s += " ngày " + dateLabel(d.Date)
	}
	if d.Issuer != "" {
		s += " (" + d.Issuer + ")"
	}
	return strings.TrimSpace(s)
}

func (rep ReorganizationReport) tables() []reportTable {
	clusterHeader := []string{"STT", "Loại", "Tên cụm, khối thi đua", "Số đơn vị", "Đơn vị thành viên", "Trưởng cụm, khối", "Phó cụm, khối", "Ủy viên Hội đồng phụ trách"}
	s := rep.Summary
	summary := reportTable{Sheet: "Tổng hợp", Title: "Tổng hợp", Header: []string{"Nội dung", "Số lượng"}, Rows: [][]string{
		{"Số cụm thi đua trước tổ chức lại", strconv.Itoa(s.ClustersBefore)},
		{"Số khối thi đua trước tổ chức lại", strconv.Itoa(s.BlocksBefore)},
		{"Số cụm thi đua sau tổ chức lại", strconv.Itoa(s.ClustersAfter)},
		{"Số khối thi đua sau tổ chức lại", strconv.Itoa(s.BlocksAfter)},
		{"Cụm, khối thành lập mới", strconv.Itoa(s.Formed)},
		{"Cụm, khối giải thể", strconv.Itoa(s.Dissolved)},
		{"Cụm, khối đổi tên", strconv.Itoa(s.Renamed)},
		{"Đơn vị chuyển cụm, khối", strconv.Itoa(s.UnitsMoved)},
		{"Đơn vị hợp nhất, sáp nhập", strconv.Itoa(s.UnitsMerged)},
		{"Đơn vị giải thể", strconv.Itoa(s.UnitsDissolved)},
		{"Đơn vị không thuộc cụm, khối nào", strconv.Itoa(s.UnitsWithoutCluster)},
		{"Đơn vị thuộc nhiều cụm, khối", strconv.Itoa(s.UnitsInSeveralClusters)},
		{"Phương án đã trình", strconv.Itoa(s.PlansSubmitted)},
		{"Phương án được phê duyệt", strconv.Itoa(s.PlansApproved)},
		{"Phương án không được phê duyệt", strconv.Itoa(s.PlansRejected)},
		{"Phương án chưa có quyết định", strconv.Itoa(s.PlansPending)},
	}}
	before := reportTable{Sheet: "Trước tổ chức lại", Title: "Cụm, khối thi đua trước tổ chức lại (tại ngày " + dateLabel(rep.BeforeDate) + ")",
		Header: clusterHeader, Rows: clusterRows(rep.Before)}
	after := reportTable{Sheet: "Sau tổ chức lại", Title: "Cụm, khối thi đua sau tổ chức lại (tại ngày " + dateLabel(rep.AfterDate) + ")",
		Header: clusterHeader, Rows: clusterRows(rep.After)}
	changes := reportTable{Sheet: "Thay đổi", Title: "Các thay đổi", Header: []string{"Loại thay đổi", "Nội dung", "Trước", "Sau", "Ngày hiệu lực", "Căn cứ"}, Rows: [][]string{}}
	for _, c := range rep.Changes.Formed {
		changes.Rows = append(changes.Rows, []string{"Thành lập cụm, khối", c.KindLabel + ": " + c.Name, "", c.Name, "", ""})
	}
	for _, c := range rep.Changes.Dissolved {
		changes.Rows = append(changes.Rows, []string{"Giải thể cụm, khối", c.KindLabel + ": " + c.Name, c.Name, "", "", ""})
	}
	for _, c := range rep.Changes.Renamed {
		changes.Rows = append(changes.Rows, []string{"Đổi tên cụm, khối", c.NewName, c.OldName, c.NewName, "", ""})
	}
	for _, mv := range rep.Changes.Moves {
		changes.Rows = append(changes.Rows, []string{"Chuyển cụm, khối", mv.Unit.Name, joinClusters(mv.From), joinClusters(mv.To), "", ""})
	}
	for _, u := range rep.Changes.Units {
		changes.Rows = append(changes.Rows, []string{u.KindLabel, joinUnits(u.Units), joinUnits(u.Units), joinUnits(u.Result), dateLabel(u.Date), docLabel(u.Basis)})
	}
	flags := reportTable{Sheet: "Đơn vị cần lưu ý", Title: "Đơn vị cần lưu ý", Header: []string{"Đơn vị", "Thời điểm", "Vấn đề", "Cụm, khối"}, Rows: [][]string{}}
	for _, f := range rep.Flags {
		when := "Sau tổ chức lại"
		if f.When == "before" {
			when = "Trước tổ chức lại"
		}
		flags.Rows = append(flags.Rows, []string{f.Unit.Name, when, f.Label, joinClusters(f.Clusters)})
	}
	plans := reportTable{Sheet: "Phương án", Title: "Phương án gửi Thường trực Hội đồng Thi đua - Khen thưởng Ngành",
		Header: []string{"STT", "Đơn vị trình", "Số văn bản", "Ngày trình", "Nơi nhận", "Nội dung phương án", "Kết quả", "Số quyết định", "Ngày quyết định", "Ghi chú"}, Rows: [][]string{}}
	for i, p := range rep.Plans {
		var parts []string
		for _, pc := range p.Proposed {
			parts = append(parts, pc.KindLabel+" "+pc.Name+": "+joinUnits(pc.Members))
		}
		row := []string{strconv.Itoa(i + 1), p.Submitter.Name, p.DocNo, dateLabel(p.SubmittedOn), p.Recipient, strings.Join(parts, " | "), "Chưa có quyết định", "", "", ""}
		if d := p.Decision; d != nil {
			row[6], row[7], row[8] = d.Label, d.DocNo, dateLabel(d.DecidedOn)
			row[9] = strings.TrimSpace(d.Amendments + " " + d.Reason)
		}
		plans.Rows = append(plans.Rows, row)
	}
	return []reportTable{summary, before, after, changes, flags, plans}
}

// Title is the report's heading.
func (rep ReorganizationReport) Title() string {
	return fmt.Sprintf("BÁO CÁO PHƯƠNG ÁN TỔ CHỨC LẠI CỤM, KHỐI THI ĐUA NĂM %d", rep.Year)
}

// WriteCSV writes the report as CSV: UTF-8 with a byte-order mark (so
// Excel reads the Vietnamese correctly), one section after another, each a
// title row, a header row and its rows, separated by an empty row. Rows
// have different lengths: read it with csv.Reader.FieldsPerRecord = -1.
func (rep ReorganizationReport) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write([]string{rep.Title()}); err != nil {
		return err
	}
	for _, t := range rep.tables() {
		cw.Write([]string{})
		cw.Write([]string{t.Title})
		cw.Write(t.Header)
		for _, r := range t.Rows {
			cw.Write(r)
		}
	}
	cw.Flush()
	return cw.Error()
}

var reportHTML = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: "Times New Roman", serif; font-size: 13pt; margin: 2em; }
h1 { font-size: 15pt; text-align: center; }
h2 { font-size: 13pt; margin-top: 1.5em; }
p.sub { text-align: center; font-style: italic; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eee; }
@media print {
  @page { size: A4 landscape; margin: 15mm; }
  body { margin: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">Trước tổ chức lại: tại ngày {{.Before}} — Sau tổ chức lại: tại ngày {{.After}} — Dữ liệu sổ cái đến sự kiện số {{.Seq}}</p>
{{range .Tables}}
<h2>{{.Title}}</h2>
<table>
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{else}}<tr><td colspan="{{len .Header}}">Không có</td></tr>
{{end}}</tbody>
</table>
{{end}}
</body>
</html>
`))

// WriteHTML writes the report as a printable HTML page in Vietnamese
// (html/template, a print stylesheet, no script).
func (rep ReorganizationReport) WriteHTML(w io.Writer) error {
	return reportHTML.Execute(w, map[string]any{
		"Title": rep.Title(), "Before": dateLabel(rep.BeforeDate), "After": dateLabel(rep.AfterDate),
		"Seq": rep.AsOfSeq, "Tables": rep.tables(),
	})
}

// WriteXLSX writes the report as an Excel workbook, one sheet per section,
// with a bold header row.
func (rep ReorganizationReport) WriteXLSX(w io.Writer) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, t := range rep.tables() {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.Sheet); err != nil {
			return err
		}
		if err := f.SetCellValue(t.Sheet, "A1", t.Title); err != nil {
			return err
		}
		if err := f.SetCellStyle(t.Sheet, "A1", "A1", bold); err != nil {
			return err
		}
		rows := append([][]string{t.Header}, t.Rows...)
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+3)
				var val any = v
				if n, err := strconv.Atoi(v); err == nil && v != "" && (t.Header[c] == "STT" || t.Header[c] == "Số lượng" || t.Header[c] == "Số đơn vị") {
					val = n
				}
				if err := f.SetCellValue(t.Sheet, cell, val); err != nil {
					return err
				}
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(t.Header), len(rows)+2)
		if err := f.SetCellStyle(t.Sheet, "A4", last, wrap); err != nil && len(rows) > 1 {
			return err
		}
		hl, _ := excelize.CoordinatesToCellName(len(t.Header), 3)
		if err := f.SetCellStyle(t.Sheet, "A3", hl, bold); err != nil {
			return err
		}
		for c, h := range t.Header {
			col, _ := excelize.ColumnNumberToName(c + 1)
			width := 14.0
			switch {
			case h == "STT":
				width = 6
			case strings.HasPrefix(h, "Đơn vị thành viên") || strings.HasPrefix(h, "Nội dung"):
				width = 60
			case strings.HasPrefix(h, "Tên") || h == "Đơn vị" || h == "Đơn vị trình":
				width = 32
			}
			if err := f.SetColWidth(t.Sheet, col, col, width); err != nil {
				return err
			}
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}
