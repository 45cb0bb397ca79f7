package synth

import (
	"context"
	"encoding/binary"
	"fmt"
	"iter"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/tdkt/tdkt/domain"
	"github.com/tdkt/tdkt/eventstore"
)

// Options sizes a synthetic sector. The zero value is not usable; start
// from Profile.
type Options struct {
	// Seed makes the sector: the same seed, the same events.
	Seed uint64
	// Central, Provincial and Regional are the numbers of units under the
	// Supreme People's Procuracy (which is always there): central
	// departments and bureaus, provincial procuracies, and regional
	// procuracies (spread over the provinces).
	Central, Provincial, Regional int
	// People is the number of staff, spread over the units.
	People int
	// FirstYear and Years are the evaluation years recorded.
	FirstYear, Years int
}

// Profiles are the named sizes: "national" is the whole sector (34
// provincial and 355 regional procuracies, 27 central units, 15,000
// people, ten years: about a million events); "small" is a few thousand
// events for tests.
var Profiles = []string{"national", "small"}

// Profile returns the options of a named profile with the given seed.
func Profile(name string, seed uint64) (Options, error) {
	switch name {
	case "national":
		return Options{Seed: seed, Central: 27, Provincial: 34, Regional: 355, People: 15_000, FirstYear: 2016, Years: 10}, nil
	case "small":
		return Options{Seed: seed, Central: 2, Provincial: 2, Regional: 6, People: 150, FirstYear: 2023, Years: 2}, nil
	}
	return Options{}, fmt.Errorf("synth: unknown profile %q (want national or small)", name)
}

// Validate reports options that cannot make a sector.
func (o Options) Validate() error {
	switch {
	case o.Central < 1 || o.Provincial < 1:
		return fmt.Errorf("synth: at least one central and one provincial unit")
	case o.Regional < 0:
		return fmt.Errorf("synth: negative regional units")
	case o.People < 4*(1+o.Provincial)+o.Central+o.Regional:
		return fmt.Errorf("synth: %d people cannot staff %d units and %d councils of four", o.People, 1+o.Central+o.Provincial+o.Regional, 1+o.Provincial)
	case o.Years < 1 || o.FirstYear < 2000 || o.FirstYear+o.Years > 2100:
		return fmt.Errorf("synth: years %d+%d out of range", o.FirstYear, o.Years)
	}
	return nil
}

// EstimatedEvents is roughly how many events the sector has (within a few
// per cent), for progress bars.
func (o Options) EstimatedEvents() int {
	units := 1 + o.Central + o.Provincial + o.Regional
	perPersonYear := 6.39
	perUnitYear := 11.0
	return o.People + 2*units + int(float64(o.People*o.Years)*perPersonYear+float64(units*o.Years)*perUnitYear)
}

// Append is one append the sector's clerks make: events for one stream,
// with the revision the stream must be at.
type Append struct {
	Stream   string
	Expected eventstore.ExpectedRevision
	Events   []eventstore.Event
}

// Unit is one unit of the sector.
type Unit struct {
	ID     string
	Name   string
	Short  string
	Level  domain.UnitLevel
	Parent string // "" for the Supreme People's Procuracy
	// Province is the index of the province a regional or provincial unit
	// belongs to, or -1.
	Province int
	// Council is the TĐKT council that considers the unit's proposals: its
	// own for the Supreme and provincial procuracies, its province's for a
	// regional one, the Supreme's for central units.
	Council string
	// People are the indexes of the unit's staff in Sector.People at the
	// start (transfers move people later).
	People []int
}

// Person is one member of staff.
type Person struct {
	ID    string
	Name  string
	Title string
	Unit  int // index in Sector.Units at the start
}

// Council is a TĐKT council.
type Council struct {
	ID    string
	Name  string
	Owner int // unit index
}

// Sector is the sector's fixed structure: what the events are about.
type Sector struct {
	Options  Options
	Units    []Unit // Units[0] is the Supreme People's Procuracy
	People   []Person
	Councils []Council
	// Central, Provincial and Regional are index ranges into Units.
	Central, Provincial, Regional []int
}

// Generator makes a sector's events.
type Generator struct {
	opts Options
	s    *Sector
}

// New returns the generator of the sector opts describes.
func New(opts Options) (*Generator, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return &Generator{opts: opts, s: buildSector(opts)}, nil
}

// Sector returns the sector's structure. The caller must not change it.
func (g *Generator) Sector() *Sector { return g.s }

// Appends yields the sector's appends in order. Each call starts again
// from the beginning and yields the same appends. It yields an error (and
// stops) only if an event fails the domain's validation, which is a bug.
func (g *Generator) Appends() iter.Seq2[Append, error] {
	return func(yield func(Append, error) bool) {
		w := newWriter(g.opts, g.s, yield)
		defer func() {
			if r := recover(); r != nil {
				if st, ok := r.(stopSignal); ok {
					if st.err != nil {
						yield(Append{}, st.err)
					}
					return
				}
				panic(r)
			}
		}()
		w.run()
	}
}

// AppendTo appends the whole sector to s, one append after the other, and
// returns the number of events written. It is how tests and benchmarks
// that need the sector in a store build it; tdkt bench loads it with
// concurrent writers instead.
func (g *Generator) AppendTo(ctx context.Context, s eventstore.Store) (int, error) {
	n := 0
	for a, err := range g.Appends() {
		if err != nil {
			return n, err
		}
		if _, err := s.Append(ctx, a.Stream, a.Expected, a.Events...); err != nil {
			return n, fmt.Errorf("synth: append to %s: %w", a.Stream, err)
		}
		n += len(a.Events)
	}
	return n, nil
}

// stopSignal unwinds the writer when the consumer stops or an event is
// invalid; Appends recovers it.
type stopSignal struct{ err error }

// ids makes deterministic canonical UUIDs (version 4 layout) from a
// seeded source.
type ids struct{ r *rand.Rand }

func (x ids) next() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], x.r.Uint64())
	binary.BigEndian.PutUint64(b[8:], x.r.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return uuid.UUID(b).String()
}

func buildSector(o Options) *Sector {
	r := rand.New(rand.NewPCG(o.Seed, 0x5eC7))
	id := ids{r}
	s := &Sector{Options: o}
	add := func(u Unit) int {
		u.ID = id.next()
		s.Units = append(s.Units, u)
		return len(s.Units) - 1
	}
	add(Unit{Name: "Viện kiểm sát nhân dân tối cao", Short: "VKSND tối cao", Level: domain.LevelSupreme, Province: -1})
	for i := range o.Central {
		name := centralNames[i%len(centralNames)]
		if i >= len(centralNames) {
			name = fmt.Sprintf("%s %d", name, i/len(centralNames)+1)
		}
		s.Central = append(s.Central, add(Unit{Name: name, Short: name, Level: domain.LevelSupreme, Parent: s.Units[0].ID, Province: -1}))
	}
	for i := range o.Provincial {
		p := provinceName(i)
		s.Provincial = append(s.Provincial, add(Unit{Name: "Viện kiểm sát nhân dân " + p, Short: "VKSND " + p, Level: domain.LevelProvincial, Parent: s.Units[0].ID, Province: i}))
	}
	for i := range o.Regional {
		prov := i % o.Provincial
		n := i/o.Provincial + 1
		p := provinceName(prov)
		s.Regional = append(s.Regional, add(Unit{Name: fmt.Sprintf("Viện kiểm sát nhân dân khu vực %d - %s", n, p), Short: fmt.Sprintf("VKSND khu vực %d - %s", n, p),
			Level: domain.LevelRegional, Parent: s.Units[s.Provincial[prov]].ID, Province: prov}))
	}
	// Councils: the sector's, and one per province.
	newCouncil := func(owner int) string {
		c := Council{ID: id.next(), Owner: owner, Name: "Hội đồng Thi đua - Khen thưởng " + s.Units[owner].Short}
		s.Councils = append(s.Councils, c)
		return c.ID
	}
	s.Units[0].Council = newCouncil(0)
	for _, u := range s.Central {
		s.Units[u].Council = s.Units[0].Council
	}
	for _, u := range s.Provincial {
		s.Units[u].Council = newCouncil(u)
	}
	for _, u := range s.Regional {
		s.Units[u].Council = s.Units[s.Provincial[s.Units[u].Province]].Council
	}
	// Staff: about 12% central, 25% provincial, the rest regional; every
	// council-owning unit gets at least four people.
	weights := make([]float64, len(s.Units))
	weights[0] = 0.04 * float64(o.People)
	for _, u := range s.Central {
		weights[u] = 0.08 * float64(o.People) / float64(len(s.Central))
	}
	provShare := 0.25
	if len(s.Regional) == 0 {
		provShare = 0.88
	}
	for _, u := range s.Provincial {
		weights[u] = provShare * float64(o.People) / float64(len(s.Provincial))
	}
	for _, u := range s.Regional {
		weights[u] = (0.88 - provShare) * float64(o.People) / float64(len(s.Regional))
	}
	// minStaff keeps a council-owning unit able to seat a council of four.
	minStaff := func(u int) int {
		if u == 0 || s.Units[u].Level == domain.LevelProvincial {
			return 4
		}
		return 1
	}
	counts := make([]int, len(s.Units))
	total := 0
	for u, w := range weights {
		counts[u] = max(minStaff(u), int(w))
		total += counts[u]
	}
	for u := 0; total < o.People; u = (u + 1) % len(counts) {
		counts[u]++
		total++
	}
	for u := len(counts) - 1; total > o.People; u = (u + len(counts) - 1) % len(counts) {
		if counts[u] > minStaff(u) {
			counts[u]--
			total--
		}
	}
	for u, n := range counts {
		for k := range n {
			title := titles[min(k, len(titles)-1)]
			if k >= len(titles)-1 {
				title = titles[len(titles)-1-r.IntN(3)]
			}
			s.People = append(s.People, Person{ID: id.next(), Name: personName(r), Title: title, Unit: u})
			s.Units[u].People = append(s.Units[u].People, len(s.People)-1)
		}
	}
	return s
}

func provinceName(i int) string {
	if i < len(provinces) {
		return provinces[i]
	}
	return fmt.Sprintf("%s %d", provinces[i%len(provinces)], i/len(provinces)+1)
}

func personName(r *rand.Rand) string {
	return surnames[r.IntN(len(surnames))] + " " + middles[r.IntN(len(middles))] + " " + givens[r.IntN(len(givens))]
}

// clock is the synthetic wall clock the event ids (UUIDv7 layout) are
// made from: it starts on 1 January of the first year and only moves
// forward, so ids stay time-ordered like the server's.
type clock struct{ t time.Time }

func (c *clock) at(d time.Time) {
	if d.After(c.t) {
		c.t = d
	}
}

func (c *clock) tick() time.Time {
	c.t = c.t.Add(137 * time.Millisecond)
	return c.t
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 8, 0, 0, 0, time.UTC) }

func iso(t time.Time) string { return t.Format("2006-01-02") }
