// Package api is tdkt's HTTP interface on gorilla/mux.
//
// Today it serves the operations routes: GET /healthz (the process is up)
// and GET /readyz (the store answers). Commands, queries, proofs, the live
// feed, authentication, OpenAPI and the Vietnamese pages arrive with the
// HTTP issue (issue 6).
//
// # Guarantees
//
//   - Every error response is RFC 9457 application/problem+json with type,
//     title, status, detail and instance, produced by one function, Error,
//     through one table (unknown routes and wrong methods included; a wrong
//     method also gets an Allow header).
//   - Internal details never reach the caller: an error that is neither a
//     domain.Error nor a known eventstore error is a 500 with detail
//     "Internal error.", and is logged once, on the request's log line.
//   - Every request is logged with log/slog (method, path, status, bytes,
//     duration). Request headers are never logged, so neither are bearer
//     tokens.
//   - The package depends on interfaces it declares (Store), never on a
//     concrete backend; cmd/tdkt wires those.
package api
