package demo

import "github.com/tdkt/tdkt/domain"

func (b *builder) proposalID(key string) string { return b.id("proposal", key) }

func (b *builder) proposeCmd(key string, subj domain.Subject, kind domain.AwardKind, year int, basis domain.AwardBasis, proposer string, level domain.AwardLevel, refs ...string) domain.ProposeAward {
	return domain.ProposeAward{ProposalID: b.proposalID(key), Subject: subj, AwardKind: kind, Year: year, Basis: basis,
		ProposerUnitID: b.uid(proposer), Level: level, JustificationRefs: refs}
}

func (b *builder) propose(key string, subj domain.Subject, kind domain.AwardKind, year int, basis domain.AwardBasis, proposer string, level domain.AwardLevel, refs ...string) {
	if b.proposals == nil {
		b.proposals = map[string]domain.Subject{}
	}
	b.proposals[key] = subj
	b.add(b.proposeCmd(key, subj, kind, year, basis, proposer, level, refs...), b.asUnit(proposer), nil,
		"Đề nghị "+kind.Label()+" năm "+itoa(year)+" cho "+b.subjectName(subj))
}

func (b *builder) subjectName(s domain.Subject) string {
	if s.Kind == domain.SubjectUnit {
		for _, u := range b.units {
			if u.id == s.ID {
				return u.short
			}
		}
	}
	return b.nameOfID(s.ID)
}

// dossier files a proposal's dossier with a council's standing office.
func (b *builder) dossier(key, council string, copies int, kinds ...domain.DossierItemKind) {
	var items []domain.DossierItem
	for _, k := range kinds {
		items = append(items, domain.DossierItem{Kind: k, Title: k.Label()})
	}
	b.add(domain.FileDossier{ProposalID: b.proposalID(key), Items: items, FiledToCouncilID: b.councils[council].id, Copies: copies},
		b.asUnit(b.proposerOf(key)), nil, "Nộp hồ sơ đề nghị khen thưởng cho "+b.subjectName(b.proposals[key]))
}

func (b *builder) proposerOf(key string) string {
	for _, s := range b.steps {
		if p, ok := s.Command.(domain.ProposeAward); ok && p.ProposalID == b.proposalID(key) {
			for k, u := range b.units {
				if u.id == p.ProposerUnitID {
					return k
				}
			}
		}
	}
	b.fail("no proposal %q", key)
	return ""
}

func (b *builder) appraise(key, appraiser string, findings ...string) {
	b.add(domain.AppraiseDossier{ProposalID: b.proposalID(key), AppraiserUnitID: b.uid(appraiser), Result: domain.VerdictPass, Findings: findings},
		b.asUnit(appraiser), nil, "Thẩm định hồ sơ của "+b.subjectName(b.proposals[key]))
}

// item returns the decision item of proposal key, with its ballot.
func (b *builder) item(key string) domain.DecisionItem {
	return domain.DecisionItem{ProposalID: b.proposalID(key), Subject: b.proposals[key]}
}

func (b *builder) itemCouncilBallot(key, council, ballot string) domain.DecisionItem {
	it := b.item(key)
	it.BallotID, it.BallotCouncilID = ballot, b.councils[council].id
	return it
}

func (b *builder) itemClusterBallot(key, ck, ballot string) domain.DecisionItem {
	it := b.item(key)
	it.BallotID, it.BallotClusterID = ballot, b.clusters[ck].id
	return it
}

func (b *builder) decideCmd(key, issuer, role string, basis *Basis, mult domain.Multiplier, items ...domain.DecisionItem) domain.DecideAward {
	return domain.DecideAward{DecisionID: b.id("decision", key), DecisionNo: basis.Number, IssuerUnitID: b.uid(issuer), IssuerRole: role,
		Items: items, CashMultiplier: mult}
}

func (b *builder) decide(key, issuer, role string, basis *Basis, mult domain.Multiplier, note string, items ...domain.DecisionItem) {
	b.add(b.decideCmd(key, issuer, role, basis, mult, items...), b.asUnit(issuer), basis, note)
}

func (b *builder) confer(key, place, presenter string, present ...string) {
	b.add(domain.ConferAward{DecisionID: b.id("decision", key), Place: place, Presenter: b.people[presenter].name, RecipientsPresent: present},
		b.asOffice(), nil, "Trao tặng tại "+place)
}
