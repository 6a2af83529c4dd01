// Package x3wire holds what the Sage X3 clients (sagex3/rest for api1,
// sagex3/graphql) and the token sources (sagex3/x3auth) do alike on the
// wire: the server URL and default limits, bounded answers, HTTP status
// classes and Retry-After, SData diagnoses, X3's empty date, and the
// redaction of secrets from error text. It is internal so that none of
// it becomes part of a client's API; the simulator (sagex3/x3sim) never
// uses it.
package x3wire
