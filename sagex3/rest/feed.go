package rest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// restListing is a change list of one class: the representation whose $query
// facet lists it, and the properties of its key, update stamp and date.
type restListing struct {
	class, rep, key, stamp, date string
}

func (c *Client) poListing() restListing {
	n := c.names
	return restListing{class: n.Get(POClass), rep: n.Get(PORepresentation), key: n.Get(PONumber),
		stamp: n.Get(POUpdated), date: n.Get(POUpdatedDate)}
}

func (c *Client) invoiceListing() restListing {
	n := c.names
	return restListing{class: n.Get(InvoiceClass), rep: n.Get(InvoiceRepresentation), key: n.Get(InvoiceNumber),
		stamp: n.Get(InvoiceUpdated), date: n.Get(InvoiceUpdatedDate)}
}

// ChangedPurchaseOrders calls fn for every PO updated at or after since
// (every PO when since is zero), in update-stamp order, following
// $links.$next.$url to the last page. An error from fn stops the walk and
// is returned unchanged; a restListing cut short is an error, never its end.
func (c *Client) ChangedPurchaseOrders(ctx context.Context, since time.Time, fn func(core.RecordStamp) error) error {
	return c.walkChanges(ctx, "x3 list changed POs", c.poListing(), since, fn)
}

// walkChanges lists a class's changes. A server that refuses the
// date-time literal on its first page is asked again with a date-only
// condition (filter.go); once that works, every later restListing uses it.
func (c *Client) walkChanges(ctx context.Context, op string, l restListing, since time.Time, fn func(core.RecordStamp) error) error {
	dateOnly := c.dateOnly.Load()
	pages, err := c.walk(ctx, op, c.listURL(l, since, dateOnly), l, fn)
	if err == nil || pages > 0 || dateOnly || since.IsZero() || !refused(err) {
		return err
	}
	pages, err2 := c.walk(ctx, op+" (date only)", c.listURL(l, since, true), l, fn)
	if pages == 0 {
		return errors.Join(err, err2)
	}
	c.dateOnly.Store(true)
	c.dateOnlySaid.Do(func() {
		c.log.Warn("Sage X3 refuses date-time literals in where: restListing changes by date instead, from the day before the cursor (records of that day are listed again, none is missed)",
			"refused", err.Error(), "now", l.date+" ge @YYYY-MM-DD@")
	})
	return err2
}

// listURL is the first page of a restListing since a time: ordered by update
// stamp, then key, so that what a restListing cut short has read is complete
// up to its last stamp. The poller and `check` run exactly this query.
func (c *Client) listURL(l restListing, since time.Time, dateOnly bool) string {
	params := []param{
		{"representation", l.rep + ".$query"},
		{"count", strconv.Itoa(c.pageSize)},
		{"orderBy", l.stamp + " asc," + l.key + " asc"},
	}
	if !since.IsZero() {
		params = append(params, param{"where", l.where(since, dateOnly)})
	}
	return c.collectionURL(l.class, params...)
}

// walk reads a $query feed from pageURL to its last page, calling fn with
// each row's key and stamp, and returns how many pages it read.
func (c *Client) walk(ctx context.Context, op, pageURL string, l restListing, fn func(core.RecordStamp) error) (int, error) {
	visited := map[string]bool{}
	pages := 0
	for pageURL != "" {
		if visited[pageURL] {
			return pages, c.fail(op, core.Permanent, http.StatusOK, errors.New("the feed's $next link points back to a page already read"))
		}
		visited[pageURL] = true
		page, err := c.readFeedPage(ctx, op, pageURL)
		if err != nil {
			return pages, err
		}
		pages++
		next, err := c.nextPageURL(op, page)
		if err != nil {
			return pages, err
		}
		if len(page.Resources) == 0 && next != "" {
			return pages, c.fail(op, core.Transient, http.StatusOK, fmt.Errorf("page %d of the restListing is empty but links to a next page", pages))
		}
		if err := c.emitStamps(op, page.Resources, l, fn); err != nil {
			return pages, err
		}
		pageURL = next
	}
	return pages, nil
}

// feedPageJSON is one api1 $query page. Resources is a pointer so that an
// answer without $resources (not a feed) is told from an empty page.
type feedPageJSON struct {
	Resources *[]record `json:"$resources"`
	Links     struct {
		Next *struct {
			URL string `json:"$url"`
		} `json:"$next"`
	} `json:"$links"`
}

type feedPage struct {
	Resources []record
	next      string
}

func (c *Client) readFeedPage(ctx context.Context, op, pageURL string) (*feedPage, error) {
	body, err := c.call(ctx, op, http.MethodGet, pageURL, nil)
	if err != nil {
		return nil, err
	}
	var page feedPageJSON
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, c.fail(op, core.Transient, http.StatusOK, fmt.Errorf("decoding the $query feed: %w", err))
	}
	if page.Resources == nil {
		return nil, c.fail(op, core.Transient, http.StatusOK, errors.New("the answer has no $resources: not a $query feed"))
	}
	p := &feedPage{Resources: *page.Resources}
	if page.Links.Next != nil {
		p.next = page.Links.Next.URL
	}
	return p, nil
}

func (c *Client) emitStamps(op string, rows []record, l restListing, fn func(core.RecordStamp) error) error {
	for _, row := range rows {
		stamp, err := l.recordStamp(row)
		if err != nil {
			return c.fail(op, core.Permanent, http.StatusOK, err)
		}
		if err := fn(stamp); err != nil {
			return err
		}
	}
	return nil
}

// recordStamp reads a row's key (its key property, else $key) and stamp.
func (l restListing) recordStamp(row record) (core.RecordStamp, error) {
	key, err := row.text(l.key)
	if err == nil && key == "" {
		key, err = row.text("$key")
	}
	if err != nil || key == "" {
		return core.RecordStamp{}, fmt.Errorf("a $query row has neither %s nor $key", l.key)
	}
	s, err := row.text(l.stamp)
	if err != nil {
		return core.RecordStamp{}, fmt.Errorf("record %s: %w", key, err)
	}
	updated, err := parseStamp(s)
	if err != nil {
		return core.RecordStamp{}, fmt.Errorf("record %s: %w", key, err)
	}
	return core.RecordStamp{Key: key, Updated: updated}, nil
}

// nextPageURL returns the page's $next link, or "" on the last page.
func (c *Client) nextPageURL(op string, page *feedPage) (string, error) {
	if page.next == "" {
		return "", nil
	}
	u, err := c.base.Parse(page.next)
	if err != nil {
		return "", c.fail(op, core.Permanent, http.StatusOK, fmt.Errorf("the feed's $next link is not a URL: %w", err))
	}
	// Credentials go with every request, so a link is only ever followed on
	// the configured server; X3 behind a proxy may also build links from its
	// internal host name.
	u.Scheme, u.Host, u.User = c.base.Scheme, c.base.Host, nil
	return u.String(), nil
}
