package x3sim

import (
	"net/http"
	"net/url"
	"strings"
)

// apiPrefix is the api1 path up to the endpoint (folder) segment.
const apiPrefix = "/api1/x3/erp/"

// route is a parsed api1 URL: /api1/x3/erp/{folder}/{CLASS}[('KEY')]
// ?representation={REP}.${facet}.
type route struct {
	class          string
	key            string
	keyed          bool
	representation string
	facet          string // "$query", "$details", "$edit", ...
	query          url.Values
	prototype      bool // {CLASS}/$prototypes('{REP}.{facet}')
	refuseDateTime bool // Config.RefuseDateTimeLiterals
}

func parseRoute(r *http.Request, folder string) (route, *apiError) {
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), apiPrefix)
	if !ok {
		return route{}, &apiError{status: http.StatusNotFound, code: codeBadURL,
			message: "Unknown path; api1 URLs start with " + apiPrefix}
	}
	// Split the escaped path so an escaped "/" inside a key stays in its segment.
	segments := strings.Split(rest, "/")
	if len(segments) == 3 {
		return parsePrototypeRoute(segments, folder)
	}
	if len(segments) != 2 {
		return route{}, badRequest(codeBadURL, "Expected "+apiPrefix+"{endpoint}/{class}")
	}
	endpoint, err1 := url.PathUnescape(segments[0])
	resource, err2 := url.PathUnescape(segments[1])
	if err1 != nil || err2 != nil {
		return route{}, badRequest(codeBadURL, "Malformed percent-encoding in the URL path")
	}
	if endpoint != folder {
		return route{}, &apiError{status: http.StatusNotFound, code: codeUnknownFolder,
			message: "Endpoint '" + endpoint + "' does not exist"}
	}
	rt, apiErr := parseResource(resource)
	if apiErr != nil {
		return route{}, apiErr
	}
	rt.query = r.URL.Query()
	rt.representation, rt.facet, apiErr = parseRepresentation(rt.query.Get("representation"))
	return rt, apiErr
}

// parseResource splits "CLASS" or "CLASS('KEY')"; quotes inside a key are
// doubled, as in SData string literals.
func parseResource(resource string) (route, *apiError) {
	open := strings.IndexByte(resource, '(')
	if open < 0 {
		return route{class: resource}, nil
	}
	inner := resource[open+1:]
	if len(inner) < 3 || !strings.HasPrefix(inner, "'") || !strings.HasSuffix(inner, "')") {
		return route{}, badRequest(codeBadURL, "Expected a quoted key: CLASS('KEY')")
	}
	key := strings.ReplaceAll(inner[1:len(inner)-2], "''", "'")
	return route{class: resource[:open], key: key, keyed: true}, nil
}

// parseRepresentation splits "PORDER.$query" into "PORDER" and "$query".
func parseRepresentation(rep string) (string, string, *apiError) {
	if rep == "" {
		return "", "", badRequest(codeBadParameter, "The representation parameter is required (REPRESENTATION.$facet)")
	}
	name, facet, ok := strings.Cut(rep, ".$")
	if !ok || name == "" || facet == "" {
		return "", "", badRequest(codeBadParameter, "Malformed representation '"+rep+"'; expected REPRESENTATION.$facet")
	}
	return name, "$" + facet, nil
}

// parsePrototypeRoute reads {endpoint}/{CLASS}/$prototypes('{REP}.{facet}'),
// the documented way to learn a representation's properties.
func parsePrototypeRoute(segments []string, folder string) (route, *apiError) {
	endpoint, err1 := url.PathUnescape(segments[0])
	class, err2 := url.PathUnescape(segments[1])
	last, err3 := url.PathUnescape(segments[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return route{}, badRequest(codeBadURL, "Malformed percent-encoding in the URL path")
	}
	if endpoint != folder {
		return route{}, &apiError{status: http.StatusNotFound, code: codeUnknownFolder,
			message: "Endpoint '" + endpoint + "' does not exist"}
	}
	inner, ok := strings.CutPrefix(last, "$prototypes('")
	if !ok || !strings.HasSuffix(inner, "')") {
		return route{}, badRequest(codeBadURL, "Expected $prototypes('REPRESENTATION.$facet')")
	}
	rep, facet, apiErr := parseRepresentation(strings.TrimSuffix(inner, "')"))
	return route{class: class, representation: rep, facet: facet, prototype: true}, apiErr
}
