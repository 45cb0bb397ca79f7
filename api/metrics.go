package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tdkt/tdkt/eventstore"
)

// metrics are the server's Prometheus metrics, on a registry of its own
// (never the global one, so two servers in one test do not collide).
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.HistogramVec
	appends  *prometheus.HistogramVec
	handler  http.Handler
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tdkt_http_request_duration_seconds",
			Help:    "HTTP request latency by route template, method and status.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method", "code"}),
		appends: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tdkt_append_duration_seconds",
			Help:    "Latency of ledger appends made by commands, by outcome (ok, conflict, error).",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}, []string{"outcome"}),
	}
	m.registry.MustRegister(m.requests, m.appends,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
	return m
}

// register adds the collectors that ask the server: the ledger's size and
// the projections' lag.
func (m *metrics) register(s *Server) {
	m.registry.MustRegister(&serverCollector{s: s})
}

// instrument records the latency of h under the route template, never the
// raw path (a path per event seq would make a series per event).
func (m *metrics) instrument(template string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		m.requests.WithLabelValues(template, r.Method, strconv.Itoa(rec.status)).Observe(time.Since(start).Seconds())
	})
}

func (m *metrics) observeAppend(d time.Duration, err error) {
	outcome := "ok"
	switch {
	case errors.Is(err, eventstore.ErrConcurrency):
		outcome = "conflict"
	case err != nil:
		outcome = "error"
	}
	m.appends.WithLabelValues(outcome).Observe(d.Seconds())
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (the live
// feed flushes and extends deadlines through it).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

var (
	ledgerSizeDesc = prometheus.NewDesc("tdkt_ledger_size_events",
		"Events in the ledger (its head: the next seq, the Merkle tree's size).", nil, nil)
	projectionLagDesc = prometheus.NewDesc("tdkt_projection_lag_events",
		"Events recorded that a projection has not handled yet.", []string{"projection"}, nil)
)

// serverCollector reads the ledger's head and the projections' lag at
// scrape time.
type serverCollector struct{ s *Server }

func (c *serverCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- ledgerSizeDesc
	ch <- projectionLagDesc
}

func (c *serverCollector) Collect(ch chan<- prometheus.Metric) {
	if c.s.Store != nil {
		ctx, cancel := context.WithTimeout(context.Background(), c.s.readyTimeout())
		head, err := c.s.Store.Head(ctx)
		cancel()
		if err == nil {
			ch <- prometheus.MustNewConstMetric(ledgerSizeDesc, prometheus.GaugeValue, float64(head))
		}
	}
	if c.s.ProjectionLag != nil {
		for name, lag := range c.s.ProjectionLag() {
			ch <- prometheus.MustNewConstMetric(projectionLagDesc, prometheus.GaugeValue, float64(lag), name)
		}
	}
}

// handleMetrics serves the metrics in the Prometheus text format.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	s.metrics.handler.ServeHTTP(w, r)
}
