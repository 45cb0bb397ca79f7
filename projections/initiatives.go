package projections

import (
	"context"
	"slices"
	"strconv"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// InitiativesName is the name of the initiatives projection: initiatives
// (sáng kiến) submitted, applied, evaluated (with the council's ballot),
// recognized at grassroots, sector or national scope, and revoked.
const InitiativesName = "initiatives"

type initiativeRec struct {
	ID           string                  `json:"id"`
	Title        string                  `json:"title"`
	Authors      []string                `json:"authors"`
	Unit         string                  `json:"unit"`
	Description  string                  `json:"description"`
	Benefits     string                  `json:"benefits,omitempty"`
	SubmittedOn  string                  `json:"submittedOn"`
	Applications []InitiativeApplication `json:"applications"`
	Evaluations  []initiativeEvaluation  `json:"evaluations"`
	Recognitions []InitiativeRecognition `json:"recognitions"`
	Recorded     Recorded                `json:"recorded"`
}

type initiativeEvaluation struct {
	Council  string   `json:"council"`
	BallotID string   `json:"ballotId"`
	Result   string   `json:"result"`
	Notes    string   `json:"notes,omitempty"`
	Date     string   `json:"date"`
	Recorded Recorded `json:"recorded"`
}

// InitiativeApplication is an initiative applied (or trial-applied) in a
// unit.
type InitiativeApplication struct {
	Unit     UnitRef  `json:"unit"`
	Date     string   `json:"date"`
	Trial    bool     `json:"trial"`
	Result   string   `json:"result,omitempty"`
	Recorded Recorded `json:"recorded"`
}

// InitiativeEvaluation is an initiative council's evaluation, with its
// ballot when recorded.
type InitiativeEvaluation struct {
	Council     string   `json:"council"`
	Result      string   `json:"result"`
	ResultLabel string   `json:"resultLabel"`
	Notes       string   `json:"notes,omitempty"`
	Date        string   `json:"date"`
	Ballot      *Ballot  `json:"ballot,omitempty"`
	Recorded    Recorded `json:"recorded"`
}

// InitiativeRecognition is one recognition at a scope, and its revocation
// if any.
type InitiativeRecognition struct {
	Scope          string                `json:"scope"`
	ScopeLabel     string                `json:"scopeLabel"`
	RecognizedBy   UnitRef               `json:"recognizedBy"`
	RecognizerRole string                `json:"recognizerRole"`
	DecisionNo     string                `json:"decisionNo"`
	Date           string                `json:"date"`
	Revoked        *InitiativeRevocation `json:"revoked,omitempty"`
	Recorded       Recorded              `json:"recorded"`
}

// InitiativeRevocation withdraws a recognition.
type InitiativeRevocation struct {
	Reason     string   `json:"reason"`
	DecisionNo string   `json:"decisionNo"`
	Date       string   `json:"date"`
	Recorded   Recorded `json:"recorded"`
}

type initiativesModel struct {
	N           names                     `json:"names"`
	Initiatives map[string]*initiativeRec `json:"initiatives"`
	Ballots     map[string]Ballot         `json:"ballots"`
}

func newInitiativesModel() Model {
	return &initiativesModel{N: newNames(), Initiatives: map[string]*initiativeRec{}, Ballots: map[string]Ballot{}}
}

// InitiativesProjection returns the definition of the initiatives
// projection.
func InitiativesProjection() Projection {
	return Projection{Name: InitiativesName, New: newInitiativesModel, Unknown: Skip, Types: withTypes(
		domain.EventInitiativeSubmitted, domain.EventInitiativeApplied, domain.EventInitiativeEvaluated,
		domain.EventInitiativeRecognized, domain.EventInitiativeRecognitionRevoked, domain.EventBallotRecorded)}
}

func (m *initiativesModel) Apply(rec eventstore.RecordedEvent, ev domain.Event) error {
	m.N.apply(rec, ev)
	d := validDate(rec)
	switch e := ev.(type) {
	case domain.InitiativeSubmitted:
		m.Initiatives[e.InitiativeID] = &initiativeRec{ID: e.InitiativeID, Title: e.Title, Authors: slices.Clone(e.AuthorIDs), Unit: e.UnitID,
			Description: e.Description, Benefits: e.ClaimedBenefits, SubmittedOn: d, Applications: []InitiativeApplication{},
			Evaluations: []initiativeEvaluation{}, Recognitions: []InitiativeRecognition{}, Recorded: recorded(rec)}
	case domain.InitiativeApplied:
		if in := m.Initiatives[e.InitiativeID]; in != nil {
			in.Applications = append(in.Applications, InitiativeApplication{Unit: UnitRef{ID: e.UnitID}, Date: d, Trial: e.Trial, Result: e.Result, Recorded: recorded(rec)})
		}
	case domain.InitiativeEvaluated:
		if in := m.Initiatives[e.InitiativeID]; in != nil {
			in.Evaluations = append(in.Evaluations, initiativeEvaluation{Council: e.CouncilID, BallotID: e.BallotID, Result: e.Result.String(),
				Notes: e.Notes, Date: d, Recorded: recorded(rec)})
		}
	case domain.InitiativeRecognized:
		if in := m.Initiatives[e.InitiativeID]; in != nil {
			in.Recognitions = append(in.Recognitions, InitiativeRecognition{Scope: e.Scope.String(), ScopeLabel: e.Scope.Label(),
				RecognizedBy: UnitRef{ID: e.RecognizedByUnitID}, RecognizerRole: e.RecognizerRole, DecisionNo: e.DecisionNo.String(), Date: d, Recorded: recorded(rec)})
		}
	case domain.InitiativeRecognitionRevoked:
		if in := m.Initiatives[e.InitiativeID]; in != nil {
			for i := range in.Recognitions {
				r := &in.Recognitions[i]
				if r.Revoked == nil && (e.Scope.IsZero() || r.Scope == e.Scope.String()) {
					r.Revoked = &InitiativeRevocation{Reason: e.Reason, DecisionNo: e.DecisionNo.String(), Date: d, Recorded: recorded(rec)}
				}
			}
		}
	case domain.BallotRecorded:
		m.Ballots[e.BallotID] = ballotOf(rec, e)
	}
	return nil
}

// Initiative is an initiative with its authors, applications,
// evaluations and recognitions. Scope is its widest recognition still in
// force ("" if none).
type Initiative struct {
	ID           string                  `json:"id"`
	Title        string                  `json:"title"`
	Authors      []Person                `json:"authors"`
	Unit         UnitRef                 `json:"unit"`
	Description  string                  `json:"description"`
	Benefits     string                  `json:"benefits,omitempty"`
	SubmittedOn  string                  `json:"submittedOn"`
	Scope        string                  `json:"scope,omitempty"`
	ScopeLabel   string                  `json:"scopeLabel,omitempty"`
	Status       string                  `json:"status"` // submitted, applied, evaluated, recognized, revoked
	StatusLabel  string                  `json:"statusLabel"`
	Applications []InitiativeApplication `json:"applications"`
	Evaluations  []InitiativeEvaluation  `json:"evaluations"`
	Recognitions []InitiativeRecognition `json:"recognitions"`
	Recorded     Recorded                `json:"recorded"`
}

var initiativeStatusLabels = map[string]string{"submitted": "Đã nộp", "applied": "Đã áp dụng", "evaluated": "Đã đánh giá",
	"recognized": "Đã công nhận", "revoked": "Đã hủy công nhận"}

func (m *initiativesModel) initiative(in *initiativeRec) Initiative {
	out := Initiative{ID: in.ID, Title: in.Title, Authors: []Person{}, Unit: UnitRef{in.Unit, m.N.unit(in.Unit, in.SubmittedOn)},
		Description: in.Description, Benefits: in.Benefits, SubmittedOn: in.SubmittedOn, Status: "submitted",
		Applications: []InitiativeApplication{}, Evaluations: []InitiativeEvaluation{}, Recognitions: []InitiativeRecognition{}, Recorded: in.Recorded}
	for _, a := range in.Authors {
		out.Authors = append(out.Authors, Person{ID: a, Name: m.N.person(a)})
	}
	for _, a := range in.Applications {
		a.Unit.Name = m.N.unit(a.Unit.ID, a.Date)
		out.Applications = append(out.Applications, a)
		out.Status = "applied"
	}
	for _, e := range in.Evaluations {
		v, _ := domain.ParseVerdict(e.Result)
		ev := InitiativeEvaluation{Council: m.N.council(e.Council), Result: e.Result, ResultLabel: v.Label(), Notes: e.Notes, Date: e.Date, Recorded: e.Recorded}
		if b, ok := m.Ballots[e.BallotID]; ok {
			ev.Ballot = &b
		}
		out.Evaluations = append(out.Evaluations, ev)
		out.Status = "evaluated"
	}
	var widest domain.InitiativeScope
	for _, r := range in.Recognitions {
		r.RecognizedBy.Name = m.N.unit(r.RecognizedBy.ID, r.Date)
		out.Recognitions = append(out.Recognitions, r)
		out.Status = "recognized"
		if sc, err := domain.ParseInitiativeScope(r.Scope); err == nil && r.Revoked == nil && (widest.IsZero() || sc.Compare(widest) > 0) {
			widest = sc
		}
	}
	if !widest.IsZero() {
		out.Scope, out.ScopeLabel = widest.String(), widest.Label()
	} else if len(in.Recognitions) > 0 {
		out.Status = "revoked"
	}
	out.StatusLabel = initiativeStatusLabels[out.Status]
	return out
}

// InitiativeFilter selects initiatives; zero fields select everything.
type InitiativeFilter struct {
	// Scope selects initiatives whose widest recognition in force is at
	// least Scope (grassroots, sector, national).
	Scope    domain.InitiativeScope
	UnitID   string
	AuthorID string
	// Year selects initiatives submitted or recognized in the year.
	Year int
}

// Initiatives answers queries about initiatives.
type Initiatives struct{ r *Runner }

// NewInitiatives returns the initiative queries over r.
func NewInitiatives(r *Runner) *Initiatives { return &Initiatives{r} }

// List returns the initiatives that match f, widest scope first, then by
// title.
func (q *Initiatives) List(ctx context.Context, asOf AsOf, f InitiativeFilter) ([]Initiative, error) {
	out := []Initiative{}
	err := q.r.view(ctx, InitiativesName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*initiativesModel)
		for _, in := range m.Initiatives {
			if f.UnitID != "" && in.Unit != f.UnitID || f.AuthorID != "" && !slices.Contains(in.Authors, f.AuthorID) {
				continue
			}
			if f.Year != 0 && !initiativeInYear(in, f.Year) {
				continue
			}
			x := m.initiative(in)
			if !f.Scope.IsZero() {
				sc, err := domain.ParseInitiativeScope(x.Scope)
				if err != nil || !sc.AtLeast(f.Scope) {
					continue
				}
			}
			out = append(out, x)
		}
		return nil
	})
	rank := map[string]int{"": -1}
	for i, s := range domain.InitiativeScopes() {
		rank[s.String()] = i
	}
	slices.SortStableFunc(out, func(a, b Initiative) int {
		if ra, rb := rank[a.Scope], rank[b.Scope]; ra != rb {
			return rb - ra
		}
		if c := domain.CompareNames(a.Title, b.Title); c != 0 {
			return c
		}
		return compareStrings(a.ID, b.ID)
	})
	return out, err
}

func initiativeInYear(in *initiativeRec, year int) bool {
	y := strconv.Itoa(year)
	if len(in.SubmittedOn) >= 4 && in.SubmittedOn[:4] == y {
		return true
	}
	for _, r := range in.Recognitions {
		if len(r.Date) >= 4 && r.Date[:4] == y {
			return true
		}
	}
	return false
}

// Get returns one initiative, or a domain error with ENOTFOUND.
func (q *Initiatives) Get(ctx context.Context, asOf AsOf, id string) (Initiative, error) {
	var out Initiative
	err := q.r.view(ctx, InitiativesName, asOf, func(mm Model, _ uint64) error {
		m := mm.(*initiativesModel)
		in := m.Initiatives[id]
		if in == nil {
			return domain.Errorf(domain.ENOTFOUND, "initiative %s not found", id)
		}
		out = m.initiative(in)
		return nil
	})
	return out, err
}
