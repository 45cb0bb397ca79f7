package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/tdkt/tdkt/domain"
)

// The permission table: which role may run which command, and how the
// token's units bound it.
//
// Admin (the sector council's standing office) may run every command and
// is not bounded by units. Auditors run none. Every other role is listed
// per command with a scope:
//
//   - scopeOwn: the command's unit must be one of the token's units.
//   - scopeTree: the command's unit must be one of the token's units or a
//     subordinate of one. A unit's subordinates are the units below it in
//     the unit tree, to any depth: a unit's parent is the parentUnitId it
//     was established with, or the newParentUnitId of its latest
//     UnitReparented, as the ledger holds it when the command runs (so a
//     provincial procuracy's council acts for the area procuracies under
//     it). Merged or split units are not followed: their result units have
//     parents of their own.
//   - scopeCluster: the command's cluster must be one of the token's units,
//     which for a cluster token are the ids of the clusters it leads.
//
// "The command's unit" is found by the row's fields. A field the command
// has is read from the body; the others from the data of the first event
// of the command's target stream (so AmendRegistration is bounded by the
// unit of the registration it amends). A field written
// "x->council.ownerUnitId" names an id whose stream's first event holds the
// unit (the council's owner); a field written "subject:unit" is subject.id
// when subject.kind is "unit". Every field found must be in scope, and at
// least one must be found — unless the record the command acts on (its
// target stream, or the stream a "->" field names) has no events yet: then
// there is nothing of another unit's to protect and the decider answers
// that it is missing. Commands that create records carry their unit in the
// body and so are always checked.

// scopeKind says how a role's units bound a command.
type scopeKind int

const (
	scopeOwn scopeKind = iota + 1
	scopeTree
	scopeCluster
)

// grant is one role's permission for one command.
type grant struct {
	Scope  scopeKind
	Fields []string
}

// permission is a row of the table: the roles besides admin that may run
// the command.
type permission map[Role]grant

// Shorthands for the table.
func own(fields ...string) grant     { return grant{scopeOwn, fields} }
func tree(fields ...string) grant    { return grant{scopeTree, fields} }
func cluster(fields ...string) grant { return grant{scopeCluster, fields} }

// adminOnly is a row no role but admin may run.
var adminOnly = permission{}

// permissions is the table, keyed by command name. A command missing here
// is admin-only (TestPermissionTableCoversCatalog lists the catalog's
// commands against it, so a new command is a conscious choice).
var permissions = map[string]permission{
	// Units and people: the sector's organisation, kept by its standing
	// office.
	"EstablishUnit": adminOnly, "RenameUnit": adminOnly, "MergeUnits": adminOnly, "SplitUnit": adminOnly,
	"DissolveUnit": adminOnly, "ReparentUnit": adminOnly,
	"RecruitPerson": adminOnly, "TransferPerson": adminOnly, "SecondPerson": adminOnly, "RecordLeave": adminOnly,
	"RatePerformance": adminOnly, "ImposeDiscipline": adminOnly, "EndDiscipline": adminOnly,
	"OpenReviewProceeding": adminOnly, "CloseReviewProceeding": adminOnly,

	// Councils: a council token runs the councils its units own.
	"ConstituteCouncil":            {RoleCouncil: tree("ownerUnitId")},
	"ReconstituteCouncil":          {RoleCouncil: tree("ownerUnitId")},
	"AppointCouncilMember":         {RoleCouncil: tree("ownerUnitId")},
	"RemoveCouncilMember":          {RoleCouncil: tree("ownerUnitId")},
	"DesignateStandingOffice":      {RoleCouncil: tree("ownerUnitId")},
	"AssignCouncilMemberToCluster": {RoleCouncil: tree("ownerUnitId")},
	"HoldCouncilMeeting":           {RoleCouncil: tree("ownerUnitId")},
	"RecordBallot":                 {RoleCouncil: tree("councilId->council.ownerUnitId"), RoleCluster: cluster("clusterId")},

	// Clusters: formed and reorganised by the standing office; a council
	// may submit a reorganisation plan.
	"FormCluster": adminOnly, "RenameCluster": adminOnly, "AssignUnitToCluster": adminOnly,
	"RemoveUnitFromCluster": adminOnly, "MoveUnitBetweenClusters": adminOnly,
	"AssignClusterLeadership": adminOnly, "DissolveCluster": adminOnly,
	"SubmitReorganizationPlan": {RoleCouncil: tree("submitterUnitId")},
	"DecideReorganizationPlan": adminOnly,

	// Movements, plans, registrations, covenants.
	"LaunchMovement":       {RoleCouncil: tree("launchedByUnitId")},
	"AdoptMovement":        {RoleCouncil: tree("unitId"), RoleUnit: own("unitId")},
	"AdoptEmulationPlan":   {RoleCouncil: tree("unitId"), RoleUnit: own("unitId")},
	"HoldMovementReview":   {RoleCouncil: tree("launchedByUnitId")},
	"SubmitRegistration":   {RoleCouncil: tree("viaUnitId", "subject:unit"), RoleUnit: own("viaUnitId", "subject:unit")},
	"AmendRegistration":    {RoleCouncil: tree("viaUnitId", "subject:unit"), RoleUnit: own("viaUnitId", "subject:unit")},
	"WithdrawRegistration": {RoleCouncil: tree("viaUnitId", "subject:unit"), RoleUnit: own("viaUnitId", "subject:unit")},
	"SignCovenant":         {RoleCluster: cluster("clusterId")},

	// Scores and rankings: the cluster leader keeps its cluster's.
	"PublishScoringScheme":   adminOnly,
	"RecordScore":            {RoleCluster: cluster("clusterId")},
	"CorrectScore":           {RoleCluster: cluster("clusterId")},
	"PublishClusterRanking":  {RoleCluster: cluster("clusterId")},
	"FinalizeClusterRanking": adminOnly,
	"AcclaimClusterLeader":   {RoleCluster: cluster("clusterId")},

	// Initiatives.
	"SubmitInitiative":            {RoleCouncil: tree("unitId"), RoleUnit: own("unitId")},
	"ApplyInitiative":             {RoleCouncil: tree("unitId"), RoleUnit: own("unitId")},
	"EvaluateInitiative":          {RoleCouncil: tree("councilId->council.ownerUnitId")},
	"RecognizeInitiative":         {RoleCouncil: tree("recognizedByUnitId")},
	"RevokeInitiativeRecognition": adminOnly,
	"AcceptResearchWork":          {RoleCouncil: tree("unitId")},

	// Awards: a unit proposes for itself and its people; a council decides
	// for its unit and the units under it.
	"ProposeAward":            {RoleCouncil: tree("proposerUnitId"), RoleUnit: own("proposerUnitId")},
	"FileDossier":             {RoleCouncil: tree("proposerUnitId"), RoleUnit: own("proposerUnitId")},
	"ReturnDossier":           {RoleCouncil: tree("proposerUnitId")},
	"AppraiseDossier":         {RoleCouncil: tree("appraiserUnitId")},
	"OpenPublicConsultation":  adminOnly,
	"ClosePublicConsultation": adminOnly,
	"PlaceAwardHold":          {RoleCouncil: tree("subject:unit")},
	"LiftAwardHold":           {RoleCouncil: tree("subject:unit")},
	"DecideAward":             {RoleCouncil: tree("issuerUnitId")},
	"RejectAward":             {RoleCouncil: tree("decidedByUnitId")},
	"ConferAward":             {RoleCouncil: tree("issuerUnitId")},
	"RevokeAward":             {RoleCouncil: tree("issuerUnitId")},
	"AmendAward":              {RoleCouncil: tree("issuerUnitId")},
	"PublishDeadlineSet":      adminOnly,
}

// scopeText says in words what a grant allows.
func (g grant) text(role Role) string {
	what := map[scopeKind]string{
		scopeOwn:     "own units",
		scopeTree:    "own units and their subordinates",
		scopeCluster: "own clusters",
	}[g.Scope]
	return fmt.Sprintf("%s (%s, by %s)", role, what, strings.Join(g.Fields, " | "))
}

// permissionText renders the table's row for command, for 403 problems and
// the OpenAPI document, e.g. "SubmitRegistration: admin; council (own
// units and their subordinates, by viaUnitId | subject:unit); unit (…)".
func permissionText(command string) string {
	parts := []string{string(RoleAdmin)}
	row := permissions[command]
	for _, r := range Roles() {
		if g, ok := row[r]; ok {
			parts = append(parts, g.text(r))
		}
	}
	return command + ": " + strings.Join(parts, "; ")
}

// mayRun reports whether role may run command at all, before its scope is
// checked.
func mayRun(role Role, command string) bool {
	if role == RoleAdmin {
		return true
	}
	_, ok := permissions[command][role]
	return ok
}

// forbiddenError is a 403 on a command: the caller's role, the table row,
// and why.
type forbiddenError struct {
	Role    Role
	Command string
	Reason  string
}

func (e *forbiddenError) Error() string {
	return fmt.Sprintf("%s may not run %s: %s", e.Role, e.Command, e.Reason)
}

// maxTreeDepth bounds the walk up the unit tree (the sector has four
// levels; a cycle in bad data must not hang a request).
const maxTreeDepth = 16

// authorizeScope checks that principal p may run cmd (named name) given the
// table's grant for its role. body is the command body as sent. It returns
// the token unit the command acts for (the actor's unit on its events):
// the one that covered the command's unit, or for admin its only unit.
func (s *Server) authorizeScope(ctx context.Context, p Principal, name string, cmd domain.Command, body []byte) (string, error) {
	if p.Role == RoleAdmin {
		if len(p.Units) == 1 {
			return p.Units[0], nil
		}
		return "", nil
	}
	g, ok := permissions[name][p.Role]
	if !ok {
		return "", &forbiddenError{p.Role, name, "the permission table does not grant this command to the role"}
	}
	var bodyObj map[string]any
	if err := json.Unmarshal(body, &bodyObj); err != nil {
		return "", fmt.Errorf("authorize: %w", err)
	}
	own := jsonFieldNames(reflect.TypeOf(cmd))
	var found, fromStream []string
	missing := false // a record the command acts on does not exist yet
	for _, f := range g.Fields {
		if !own[scopeFieldBase(f)] {
			fromStream = append(fromStream, f)
			continue
		}
		v, ok, absent, err := s.resolveScopeField(ctx, bodyObj, f)
		if err != nil {
			return "", err
		}
		if ok {
			found = append(found, v)
		}
		missing = missing || absent
	}
	if len(found) == 0 && len(fromStream) > 0 {
		first, err := s.firstEventData(ctx, cmd.Stream())
		if err != nil {
			return "", err
		}
		if first == nil {
			missing = true
		}
		for _, f := range fromStream {
			v, ok, _, err := s.resolveScopeField(ctx, first, f)
			if err != nil {
				return "", err
			}
			if ok {
				found = append(found, v)
			}
		}
	}
	if len(found) == 0 {
		if missing {
			// The command acts on a record that does not exist (yet): there
			// is nothing of another unit's to protect, and the decider
			// answers that the record is missing. Commands that create
			// records carry their unit in the body, so they never get here.
			return "", nil
		}
		return "", &forbiddenError{p.Role, name, fmt.Sprintf("the command names no %s to check the token's scope against", strings.Join(g.Fields, " or "))}
	}
	acting := ""
	for _, unit := range found {
		by, err := s.inScope(ctx, p, g.Scope, unit)
		if err != nil {
			return "", err
		}
		if by == "" {
			return "", &forbiddenError{p.Role, name, fmt.Sprintf("%q is outside the token's scope: %s", unit, g.text(p.Role))}
		}
		if acting == "" {
			acting = by
		}
	}
	return acting, nil
}

// scopeFieldBase returns the command field a table field starts from:
// "subject" for "subject:unit", "councilId" for "councilId->council.ownerUnitId".
func scopeFieldBase(f string) string {
	if i := strings.IndexAny(f, ":-"); i >= 0 {
		return f[:i]
	}
	return f
}

// resolveScopeField returns the unit (or cluster) id a table field names in
// obj, following a "->" reference to the first event of the named stream;
// absent is set when that stream has no events.
func (s *Server) resolveScopeField(ctx context.Context, obj map[string]any, f string) (v string, ok, absent bool, err error) {
	v, ok = lookupScopeField(obj, f)
	if !ok {
		return "", false, false, nil
	}
	_, via, isRef := strings.Cut(f, "->")
	if !isRef {
		return v, true, false, nil
	}
	prefix, field, _ := strings.Cut(via, ".")
	data, err := s.firstEventData(ctx, prefix+"-"+v)
	if err != nil || data == nil {
		return "", false, data == nil && err == nil, err
	}
	v, ok = lookupScopeField(data, field)
	return v, ok, false, nil
}

// lookupScopeField finds a table field in a decoded JSON object: a plain
// name, "subject:unit", or the id part of "x->stream.field".
func lookupScopeField(obj map[string]any, f string) (string, bool) {
	if obj == nil {
		return "", false
	}
	if name, kind, ok := strings.Cut(f, ":"); ok {
		if kind == "unit" {
			kind = domain.SubjectUnit.String()
		}
		sub, _ := obj[name].(map[string]any)
		if k, _ := sub["kind"].(string); k != kind {
			return "", false
		}
		id, _ := sub["id"].(string)
		return id, id != ""
	}
	if ref, _, ok := strings.Cut(f, "->"); ok {
		f = ref
	}
	v, _ := obj[f].(string)
	return v, v != ""
}

// inScope returns the principal's unit that covers id as kind says (id
// itself, or for scopeTree an ancestor of id), or "" if none does.
func (s *Server) inScope(ctx context.Context, p Principal, kind scopeKind, id string) (string, error) {
	if p.HasUnit(id) {
		return id, nil
	}
	if kind != scopeTree {
		return "", nil
	}
	seen := map[string]bool{id: true}
	for range maxTreeDepth {
		parent, err := s.parentUnit(ctx, id)
		if err != nil || parent == "" || seen[parent] {
			return "", err
		}
		if p.HasUnit(parent) {
			return parent, nil
		}
		seen[parent] = true
		id = parent
	}
	return "", nil
}

// parentUnit returns the current parent of unit id: the newParentUnitId
// of its latest UnitReparented, else the parentUnitId it was established
// with; "" for a top unit or a unit never established.
func (s *Server) parentUnit(ctx context.Context, id string) (string, error) {
	parent := ""
	for e, err := range s.Events.ReadStream(ctx, "unit-"+id, 0) {
		if err != nil {
			return "", err
		}
		var d struct {
			Parent    string `json:"parentUnitId"`
			NewParent string `json:"newParentUnitId"`
		}
		switch e.Type {
		case domain.EventUnitEstablished, domain.EventUnitReparented:
			if err := json.Unmarshal(e.Data, &d); err != nil {
				return "", fmt.Errorf("read the parent of unit %s: %w", id, err)
			}
			parent = d.Parent + d.NewParent
		}
	}
	return parent, nil
}

// firstEventData returns the data of the first event of stream as a JSON
// object, or nil for a stream with no events.
func (s *Server) firstEventData(ctx context.Context, stream string) (map[string]any, error) {
	for e, err := range s.Events.ReadStream(ctx, stream, 0) {
		if err != nil {
			return nil, err
		}
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(e.Data))
		if err := dec.Decode(&obj); err != nil {
			return nil, fmt.Errorf("read %s: %w", stream, err)
		}
		return obj, nil
	}
	return nil, nil
}

// rolesFor returns the roles that may run command, admin first, for the
// OpenAPI document.
func rolesFor(command string) []Role {
	out := []Role{RoleAdmin}
	for _, r := range Roles() {
		if _, ok := permissions[command][r]; ok {
			out = append(out, r)
		}
	}
	return slices.Clip(out)
}
