package sagex3

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

// feedPageJSON is one api1 $query page.
type feedPageJSON struct {
	Resources []stampRowJSON `json:"$resources"`
	Links     struct {
		Next *struct {
			URL string `json:"$url"`
		} `json:"$next"`
	} `json:"$links"`
}

// stampRowJSON is the part of a $query row a change list needs: the key
// column of its class (POHNUM of PORDER, NUM of PINVOICE) and the stamp.
type stampRowJSON struct {
	Key       string `json:"$key"`
	POHNUM    string `json:"POHNUM"`
	NUM       string `json:"NUM"`
	UPDDATTIM string `json:"UPDDATTIM"`
}

// ChangedPurchaseOrders calls fn for every PO whose UPDDATTIM is at or after
// since (every PO when since is zero), following $links.$next.$url until the
// feed ends. An error from fn stops the walk and is returned unchanged.
func (c *Client) ChangedPurchaseOrders(ctx context.Context, since time.Time, fn func(core.RecordStamp) error) error {
	return c.walkStamps(ctx, "x3 list changed POs", c.changedPurchaseOrdersURL(since),
		func(r stampRowJSON) string { return r.POHNUM }, fn)
}

// walkStamps reads a $query feed from pageURL to its last page and calls fn
// with each row's key (keyOf, else $key) and stamp.
func (c *Client) walkStamps(ctx context.Context, op, pageURL string, keyOf func(stampRowJSON) string, fn func(core.RecordStamp) error) error {
	visited := map[string]bool{}
	for pageURL != "" {
		if visited[pageURL] {
			return c.fail(op, core.Permanent, 0, errors.New("the feed's $next link points back to a page already read"))
		}
		visited[pageURL] = true
		page, err := c.readFeedPage(ctx, op, pageURL)
		if err != nil {
			return err
		}
		if err := c.emitStamps(op, page.Resources, keyOf, fn); err != nil {
			return err
		}
		if pageURL, err = c.nextPageURL(op, page); err != nil {
			return err
		}
	}
	return nil
}

func (c *Client) changedPurchaseOrdersURL(since time.Time) string {
	params := []param{
		{"representation", "PORDER.$query"},
		{"count", strconv.Itoa(c.pageSize)},
	}
	if !since.IsZero() {
		params = append(params, param{"where", updatedSinceFilter(since)})
	}
	return c.collectionURL("PORDER", params...)
}

func (c *Client) readFeedPage(ctx context.Context, op, pageURL string) (*feedPageJSON, error) {
	body, err := c.call(ctx, op, http.MethodGet, pageURL, nil)
	if err != nil {
		return nil, err
	}
	var page feedPageJSON
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, c.fail(op, core.Permanent, http.StatusOK, fmt.Errorf("decoding the $query feed: %w", err))
	}
	return &page, nil
}

func (c *Client) emitStamps(op string, rows []stampRowJSON, keyOf func(stampRowJSON) string, fn func(core.RecordStamp) error) error {
	for _, row := range rows {
		stamp, err := row.stampWithKey(keyOf(row))
		if err != nil {
			return c.fail(op, core.Permanent, http.StatusOK, err)
		}
		if err := fn(stamp); err != nil {
			return err
		}
	}
	return nil
}

// recordStamp reads a PORDER row.
func (r stampRowJSON) recordStamp() (core.RecordStamp, error) { return r.stampWithKey(r.POHNUM) }

// stampWithKey reads a row whose key column holds key ($key when empty).
func (r stampRowJSON) stampWithKey(key string) (core.RecordStamp, error) {
	key = firstNonEmpty(key, r.Key)
	if key == "" {
		return core.RecordStamp{}, errors.New("a $query row has neither its key column nor $key")
	}
	updated, err := parseStamp(r.UPDDATTIM)
	if err != nil {
		return core.RecordStamp{}, fmt.Errorf("record %s: %w", key, err)
	}
	return core.RecordStamp{Key: key, Updated: updated}, nil
}

// nextPageURL returns the page's $next link, or "" on the last page.
func (c *Client) nextPageURL(op string, page *feedPageJSON) (string, error) {
	if page.Links.Next == nil || page.Links.Next.URL == "" {
		return "", nil
	}
	u, err := c.base.Parse(page.Links.Next.URL)
	if err != nil {
		return "", c.fail(op, core.Permanent, http.StatusOK, fmt.Errorf("the feed's $next link is not a URL: %w", err))
	}
	// Credentials go with every request, so a link is only ever followed on
	// the configured server; X3 behind a proxy may also build links from its
	// internal host name.
	u.Scheme, u.Host, u.User = c.base.Scheme, c.base.Host, nil
	return u.String(), nil
}
