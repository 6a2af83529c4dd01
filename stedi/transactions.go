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
	TransactionID   string `json:"transactionId"`
	Direction       string `json:"direction"`
	Mode            string `json:"mode"`
	FileExecutionID string `json:"fileExecutionId"`
	ProcessedAt     string `json:"processedAt"`
	Partnership     struct {
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
}

// inbound maps the item to the engine's type. An unreadable processedAt
// leaves ProcessedAt zero rather than losing the transaction.
func (it transactionItem) inbound() core.InboundTransaction {
	at, _ := time.Parse(time.RFC3339Nano, it.ProcessedAt)
	t := it.X12.Metadata.Transaction
	return core.InboundTransaction{
		TransactionID:   it.TransactionID,
		Direction:       it.Direction,
		Mode:            it.Mode,
		SetID:           t.TransactionSetIdentifier,
		PartnershipID:   it.Partnership.PartnershipID,
		FileExecutionID: it.FileExecutionID,
		ProcessedAt:     at,
		ControlNumber:   scalarText(t.ControlNumber),
	}
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
// processed at or after since, following nextPageToken to the last page.
// Stedi lists newest first, so the calls come newest first; a transaction
// processed while the pages are read may be missed or, near since, seen
// again, so callers keep their own cursor with some overlap and dedupe by
// TransactionID. since is sent to the second, rounded down; a zero since
// lists everything. An error from fn stops the listing and is returned
// as is.
func (c *Client) InboundTransactions(ctx context.Context, since time.Time, fn func(core.InboundTransaction) error) error {
	q := url.Values{"direction": {"INBOUND"}, "pageSize": {strconv.Itoa(listPageSize)}}
	// Unconfirmed: whether Stedi's from accepts fractional seconds. Whole
	// seconds, rounded down, can only list more.
	if !since.IsZero() {
		q.Set("from", since.UTC().Truncate(time.Second).Format(time.RFC3339))
	}
	for {
		page, err := c.transactionPage(ctx, q)
		if err != nil {
			return err
		}
		for _, it := range page.Items {
			if it.Direction != "" && it.Direction != "INBOUND" {
				continue // the filter is Stedi's; this only guards the contract
			}
			if err := fn(it.inbound()); err != nil {
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
