package projections

import (
	"context"
	"strconv"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// DeadlinesName is the name of the dossier deadlines projection.
const DeadlinesName = "deadlines"

type deadlineProposal struct {
	ID      string         `json:"id"`
	Subject domain.Subject `json:"subject"`
	Kind    string         `json:"kind"`
	Level   string         `json:"level"`
	Year    int            `json:"year"`
	FiledOn string         `json:"filedOn,omitempty"`
}

type deadlinesModel struct {
	N         names                        `json:"names"`
	Due       map[string]map[string]string `json:"due"` // year → kind/level → dueOn
	Sources   map[string]string            `json:"sources"`
	Proposals map[string]*deadlineProposal `json:"proposals"`
}

func newDeadlinesModel() Model {
	return &deadlinesModel{N: newNames(), Due: map[string]map[string]string{}, Sources: map[string]string{}, Proposals: map[string]*deadlineProposal{}}
}

// DeadlinesProjection returns the definition of the dossier deadlines
// projection (thời hạn gửi hồ sơ).
func DeadlinesProjection() Projection {
	return Projection{Name: DeadlinesName, New: newDeadlinesModel, Unknown: Skip, Types: withTypes(
		domain.EventDeadlineSetPublished, domain.EventAwardProposed, domain.EventDossierFiled)}
}

func (m *deadlinesModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	switch e := ev.(type) {
	case domain.DeadlineSetPublished:
		y := itoa(e.Year)
		if m.Due[y] == nil {
			m.Due[y] = map[string]string{}
		}
		for _, d := range e.Deadlines {
			k := d.AwardKind.String() + "/" + d.Level.String()
			m.Due[y][k] = d.DueOn.String()
			m.Sources[y+"/"+k] = e.SourceDocNo.String()
		}
	case domain.AwardProposed:
		m.Proposals[e.ProposalID] = &deadlineProposal{ID: e.ProposalID, Subject: e.Subject, Kind: e.AwardKind.String(), Level: e.Level.String(), Year: e.Year}
	case domain.DossierFiled:
		if p := m.Proposals[e.ProposalID]; p != nil && p.FiledOn == "" {
			p.FiledOn = validDate(rec)
		}
	}
	return nil
}

// DossierDeadline is one proposal against its published deadline.
type DossierDeadline struct {
	ProposalID string       `json:"proposalId"`
	Subject    SubjectRef   `json:"subject"`
	Title      AwardKindRef `json:"title"`
	Level      string       `json:"level"`
	Year       int          `json:"year"`
	DueOn      string       `json:"dueOn,omitempty"`
	SourceDoc  string       `json:"sourceDoc,omitempty"`
	FiledOn    string       `json:"filedOn,omitempty"`
	// Status is "onTime", "late" (filed after the deadline), "due" (not
	// filed, deadline not passed), "overdue" or "noDeadline".
	Status      string `json:"status"`
	StatusLabel string `json:"statusLabel"`
	// DaysLeft is the number of days from the date asked about to the
	// deadline, for proposals not filed (negative when overdue).
	DaysLeft int `json:"daysLeft"`
}

var deadlineLabels = map[string]string{"onTime": "Gửi đúng hạn", "late": "Gửi quá hạn", "due": "Chưa đến hạn",
	"overdue": "Quá hạn, chưa gửi", "noDeadline": "Chưa có thời hạn"}

// Deadlines answers dossier-deadline queries.
type Deadlines struct{ r *Runner }

// NewDeadlines returns the deadline queries over r.
func NewDeadlines(r *Runner) *Deadlines { return &Deadlines{r} }

// Year returns every proposal for evaluation year against the deadlines
// published for that year, judged on the date on (never the clock), sorted
// by deadline then subject name.
func (q *Deadlines) Year(ctx context.Context, asOf AsOf, year int, on domain.Date) ([]DossierDeadline, error) {
	out := []DossierDeadline{}
	err := q.r.view(ctx, DeadlinesName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*deadlinesModel)
		y := itoa(year)
		for _, p := range m.Proposals {
			if p.Year != year {
				continue
			}
			k, _ := domain.ParseAwardKind(p.Kind)
			lv := p.Kind + "/" + p.Level
			d := DossierDeadline{ProposalID: p.ID, Subject: m.N.subject(p.Subject), Title: kindRef(k), Level: p.Level, Year: p.Year,
				DueOn: m.Due[y][lv], SourceDoc: m.Sources[y+"/"+lv], FiledOn: p.FiledOn}
			switch due, _ := domain.ParseDate(d.DueOn); {
			case d.DueOn == "":
				d.Status = "noDeadline"
			case p.FiledOn != "" && p.FiledOn <= d.DueOn:
				d.Status = "onTime"
			case p.FiledOn != "":
				d.Status = "late"
			default:
				d.DaysLeft = on.DaysUntil(due)
				d.Status = "due"
				if d.DaysLeft < 0 {
					d.Status = "overdue"
				}
			}
			d.StatusLabel = deadlineLabels[d.Status]
			out = append(out, d)
		}
		return nil
	})
	sortByName(out, func(d DossierDeadline) string { return d.Subject.Name }, func(d DossierDeadline) string { return d.ProposalID })
	return out, err
}

func itoa(n int) string { return strconv.Itoa(n) }
