package projections

// RegisterAll registers every read model of this package with r: the
// organization (units, clusters, reorganisation report), standings, awards
// register, audit trail, councils, registrations and covenants,
// initiatives, dossier deadlines and eligibility facts.
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
		OrganizationProjection(), StandingsProjection(), AwardsProjection(), AuditProjection(), DeadlinesProjection(),
		CouncilsProjection(), RegistrationsProjection(), InitiativesProjection(), EligibilityProjection(),
	}
}
