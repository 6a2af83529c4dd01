package x3sim

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// feedJSON is the api1 $query envelope.
type feedJSON struct {
	ItemsPerPage int       `json:"$itemsPerPage"`
	Resources    []any     `json:"$resources"`
	Links        linksJSON `json:"$links"`
}

type linksJSON struct {
	Next *linkJSON `json:"$next,omitempty"` // absent on the last page
}

type linkJSON struct {
	URL string `json:"$url"`
}

// serveFeed runs a $query against one table and writes the envelope.
// lookup runs under the read lock and returns rows that are never changed
// in place, so render can run after the lock is released.
func serveFeed[T any](w http.ResponseWriter, r *http.Request, rt route, sc schema[T],
	lookup func(fr feedRequest[T]) ([]*T, bool), render func(*T) any) {
	fr, err := parseFeedRequest(rt.query, sc, rt.refuseDateTime)
	if err != nil {
		writeError(w, err)
		return
	}
	page, more := lookup(fr)
	feed := feedJSON{ItemsPerPage: fr.count, Resources: make([]any, 0, len(page))}
	for _, row := range page {
		feed.Resources = append(feed.Resources, render(row))
	}
	if more {
		feed.Links.Next = &linkJSON{URL: nextPageURL(r, nextPageParam(fr, sc.key(page[len(page)-1])))}
	}
	writeJSON(w, http.StatusOK, feed)
}

// nextPageParam continues key-ordered feeds with key=gt.<last key>, the
// documented api1 paging; a feed sorted on another property cannot page by
// key, so it uses SData's startIndex instead.
func nextPageParam[T any](fr feedRequest[T], lastKey string) string {
	if fr.order == nil {
		return "key=" + url.QueryEscape("gt."+lastKey)
	}
	return "startIndex=" + strconv.Itoa(fr.skip+fr.count+1)
}

// nextPageURL rebuilds the request URL from the request's Host, keeping every
// parameter as sent except the paging ones, which param replaces.
func nextPageURL(r *http.Request, param string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	replaced := strings.SplitN(param, "=", 2)[0]
	var kept []string
	for _, p := range strings.Split(r.URL.RawQuery, "&") {
		name := strings.SplitN(p, "=", 2)[0]
		if p == "" || name == "startIndex" || (name == "key" && replaced == "key") {
			continue
		}
		kept = append(kept, p)
	}
	kept = append(kept, param)
	return scheme + "://" + r.Host + r.URL.EscapedPath() + "?" + strings.Join(kept, "&")
}
