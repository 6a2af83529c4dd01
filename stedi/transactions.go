package stedi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.EDIInbox = (*Client)(nil)

const (
	opListTransactions = "stedi list transactions"
	opGetTransaction   = "stedi get transaction"
)

// listPageSize is the page size asked of GET /transactions: Stedi's
// default, well inside its 1–500 range. Tests lower it to see paging.
var listPageSize = 100

// transactionItem is what the client reads of a transaction: an item of
// GET /transactions, the body of GET /transactions/{id}, or the detail of
// transaction.processed.v2 (stedi-api.md §4.2, §6).
type transactionItem struct {
	TransactionID   string     `json:"transactionId"`
	Status          string     `json:"status"` // succeeded, failed (not in events)
	Direction       string     `json:"direction"`
	Mode            string     `json:"mode"`
	FileExecutionID string     `json:"fileExecutionId"`
	ProcessedAt     string     `json:"processedAt"`
	Artifacts       []artifact `json:"artifacts"`
	// TranslationErrors says why Stedi failed a transaction.
	TranslationErrors []struct {
		Message string `json:"message"`
		Context struct {
			Code string `json:"code"`
		} `json:"context"`
	} `json:"translationErrors"`
	Partnership struct {
		PartnershipID string `json:"partnershipId"`
	} `json:"partnership"`
	X12 struct {
		Metadata struct {
			Transaction struct {
				ControlNumber            json.RawMessage `json:"controlNumber"`
				TransactionSetIdentifier string          `json:"transactionSetIdentifier"`
			} `json:"transaction"`
		} `json:"metadata"`
	} `json:"x12"`
	raw json.RawMessage // the item verbatim
}

// artifact is one document of a transaction (Artifact in core.json).
type artifact struct {
	ArtifactType string `json:"artifactType"`
	Usage        string `json:"usage"`
}

// UnmarshalJSON keeps the item verbatim beside its fields, for the audit trail.
func (it *transactionItem) UnmarshalJSON(b []byte) error {
	type fields transactionItem
	if err := json.Unmarshal(b, (*fields)(it)); err != nil {
		return err
	}
	it.raw = append(json.RawMessage(nil), b...)
	return nil
}

// inbound maps the item to the engine's type. An unreadable processedAt
// leaves ProcessedAt zero rather than losing the transaction.
func (it transactionItem) inbound() core.InboundTransaction {
	at, _ := time.Parse(time.RFC3339Nano, it.ProcessedAt)
	t := it.X12.Metadata.Transaction
	in := core.InboundTransaction{
		TransactionID:   it.TransactionID,
		Direction:       it.Direction,
		Mode:            it.Mode,
		SetID:           t.TransactionSetIdentifier,
		PartnershipID:   it.Partnership.PartnershipID,
		FileExecutionID: it.FileExecutionID,
		ProcessedAt:     at,
		ControlNumber:   scalarText(t.ControlNumber),
	}
	for _, e := range it.TranslationErrors {
		in.Errors = append(in.Errors, core.Fault{Code: e.Context.Code, Message: e.Message})
	}
	return in
}

// scalarText reads a JSON string or number as text: Stedi documents ST02
// as a string ("0001"), and a number would mean the same.
func scalarText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// InboundTransactions calls fn for every inbound transaction Stedi
// processed (status succeeded) at or after since, following nextPageToken
// to the last page. Stedi lists newest first, so the calls come newest
// first; a transaction processed while the pages are read may be missed
// or, near since, seen again, so callers keep their own cursor with some
// overlap and dedupe by TransactionID. since is sent to the second,
// rounded down; a zero since lists everything. An error from fn stops the
// listing and is returned as is.
func (c *Client) InboundTransactions(ctx context.Context, since time.Time, fn func(core.InboundTransaction) error) error {
	return c.inbound(ctx, since, "succeeded", fn)
}

// FailedInboundTransactions is InboundTransactions for the transactions
// Stedi failed to process (status failed), with their translation errors.
func (c *Client) FailedInboundTransactions(ctx context.Context, since time.Time, fn func(core.InboundTransaction) error) error {
	return c.inbound(ctx, since, "failed", fn)
}

// inbound lists inbound transactions of one status (TransactionStatus in
// core.json: succeeded, failed).
func (c *Client) inbound(ctx context.Context, since time.Time, status string, fn func(core.InboundTransaction) error) error {
	q := url.Values{"direction": {"INBOUND"}, "status": {status}, "pageSize": {strconv.Itoa(listPageSize)}}
	// Unconfirmed: whether Stedi's from accepts fractional seconds. Whole
	// seconds, rounded down, can only list more.
	if !since.IsZero() {
		q.Set("from", since.UTC().Truncate(time.Second).Format(time.RFC3339))
	}
	return c.eachTransaction(ctx, q, func(it transactionItem) error {
		if (it.Direction != "" && it.Direction != "INBOUND") || (it.Status != "" && it.Status != status) {
			return nil // the filters are Stedi's; this only guards the contract
		}
		return fn(it.inbound())
	})
}

// eachTransaction calls fn for every item of GET /transactions?q, page
// after page. A page that is empty although another follows, or a page
// token that repeats, is a broken listing (transient), never its end.
func (c *Client) eachTransaction(ctx context.Context, q url.Values, fn func(transactionItem) error) error {
	for {
		page, err := c.transactionPage(ctx, q)
		if err != nil {
			return err
		}
		if len(page.Items) == 0 && page.NextPageToken != "" {
			return &core.Error{Class: core.Transient, Op: opListTransactions,
				Message: "Stedi returned an empty page in the middle of the listing"}
		}
		for _, it := range page.Items {
			if err := fn(it); err != nil {
				return err
			}
		}
		if page.NextPageToken == "" {
			return nil
		}
		if page.NextPageToken == q.Get("pageToken") {
			return &core.Error{Class: core.Transient, Op: opListTransactions,
				Message: "Stedi returned the same page token twice"}
		}
		q.Set("pageToken", page.NextPageToken)
	}
}

type transactionPage struct {
	Items         []transactionItem `json:"items"`
	NextPageToken string            `json:"nextPageToken"`
}

func (c *Client) transactionPage(ctx context.Context, q url.Values) (*transactionPage, error) {
	rep, err := c.do(ctx, call{op: opListTransactions, method: http.MethodGet, path: "/transactions?" + q.Encode()})
	if err != nil {
		return nil, err
	}
	var page transactionPage
	if err := json.Unmarshal(rep.body, &page); err != nil {
		return nil, &core.Error{Class: core.Transient, Op: opListTransactions, Status: rep.status,
			Err: fmt.Errorf("decode transaction list: %w", err)}
	}
	if page.Items == nil {
		// items is required (ListTransactionsResponseContent): a body
		// without it is not a listing.
		return nil, &core.Error{Class: core.Transient, Op: opListTransactions, Status: rep.status,
			Message: "Stedi's transaction list has no items"}
	}
	return &page, nil
}

// Transaction returns one transaction (GET /transactions/{id}). An unknown
// id is a permanent error wrapping core.ErrNotFound.
func (c *Client) Transaction(ctx context.Context, transactionID string) (core.InboundTransaction, error) {
	if transactionID == "" {
		return core.InboundTransaction{}, &core.Error{Class: core.Permanent, Op: opGetTransaction,
			Err: errors.New("transaction id is empty")}
	}
	rep, err := c.do(ctx, call{op: opGetTransaction, method: http.MethodGet,
		path: "/transactions/" + url.PathEscape(transactionID)})
	if err != nil {
		return core.InboundTransaction{}, notFound(err)
	}
	var it transactionItem
	if err := json.Unmarshal(rep.body, &it); err != nil {
		return core.InboundTransaction{}, &core.Error{Class: core.Transient, Op: opGetTransaction, Status: rep.status,
			Err: fmt.Errorf("decode transaction: %w", err)}
	}
	return it.inbound(), nil
}

// notFound makes a 404 wrap core.ErrNotFound, so callers can tell "no such
// transaction" from other permanent failures with errors.Is.
func notFound(err error) error {
	var ce *core.Error
	if errors.As(err, &ce) && ce.Status == http.StatusNotFound && ce.Err == nil {
		ce.Err = core.ErrNotFound
	}
	return err
}
