package projections

// RegisterAll registers every read model of this package with r: the
// organization (units, clusters, reorganisation report), standings, awards
// register, councils, registrations and covenants,
// initiatives, dossier deadlines and eligibility facts. (The audit trail
// is not a read model: Audit reads the ledger's streams.)
func RegisterAll(r *Runner) error {
	for _, p := range AllProjections() {
		if err := r.Register(p); err != nil {
			return err
		}
	}
	return nil
}

// AllProjections returns the definitions of every read model.
func AllProjections() []Projection {
	return []Projection{
		OrganizationProjection(), StandingsProjection(), AwardsProjection(), DeadlinesProjection(),
		CouncilsProjection(), RegistrationsProjection(), InitiativesProjection(), EligibilityProjection(),
	}
}
