package stedisim

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Paging limits of the Core list endpoints (stedi-api.md §1.5).
const (
	defaultPageSize = 100
	maxPageSize     = 500
	maxPageToken    = 1024
)

// listQuery is a parsed GET /transactions query.
//
// Unconfirmed (stedi-api.md §6 names the filters, not their bounds): from
// is inclusive and to exclusive, both compared with processedAt.
type listQuery struct {
	direction, mode, status, setID, partnershipID string
	businessID, elementID                         string
	from, to                                      time.Time // to is exclusive; zero means unbounded
	pageSize                                      int
	after                                         *storedTx // position of the last item of the previous page
}

// handleListTransactions serves GET /transactions: newest first, keyset
// paging, so a page never repeats or skips an item when newer
// transactions arrive between pages.
func (s *Server) handleListTransactions(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodGet) || !s.authorized(w, r) {
		return
	}
	q, err := parseListQuery(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, err.Error())
		return
	}
	all := s.txs.matching(q.keeps)
	start := 0
	if q.after != nil {
		for start < len(all) && newestFirst(q.after, all[start]) >= 0 {
			start++
		}
	}
	page := all[start:min(len(all), start+q.pageSize)]
	base := requestBase(r) + APIVersion
	out := struct {
		Items         []txRecord `json:"items"`
		NextPageToken string     `json:"nextPageToken,omitempty"`
	}{Items: make([]txRecord, 0, len(page))}
	for _, t := range page {
		out.Items = append(out.Items, t.record(base))
	}
	if start+len(page) < len(all) {
		out.NextPageToken = pageToken(page[len(page)-1])
	}
	writeResponse(w, response{status: http.StatusOK, body: marshal(out)})
}

func (q listQuery) keeps(t *storedTx) bool {
	r := t.rec
	switch {
	case q.direction != "" && r.Direction != q.direction,
		q.mode != "" && r.Mode != q.mode,
		q.status != "" && r.Status != q.status,
		q.setID != "" && r.X12.Metadata.Transaction.TransactionSetIdentifier != q.setID,
		q.partnershipID != "" && r.Partnership.PartnershipID != q.partnershipID,
		q.businessID != "" && !hasIdentifier(r.BusinessIdentifiers, q.businessID, q.elementID),
		!q.from.IsZero() && t.at.Before(q.from),
		!q.to.IsZero() && !t.at.Before(q.to):
		return false
	}
	return true
}

func parseListQuery(v url.Values) (listQuery, error) {
	q := listQuery{
		direction:     v.Get("direction"),
		mode:          v.Get("mode"),
		status:        v.Get("status"),
		setID:         v.Get("transactionSetId"),
		partnershipID: v.Get("partnershipId"),
		businessID:    v.Get("businessIdentifier"),
		elementID:     v.Get("elementId"),
		pageSize:      defaultPageSize,
	}
	if q.elementID != "" && q.businessID == "" {
		// core.json: elementId "May only be supplied if businessIdentifier is also supplied".
		return q, errors.New("elementId may only be supplied with businessIdentifier")
	}
	switch q.direction {
	case "", dirInbound, dirOutbound, "UNKNOWN":
	default:
		return q, errors.New("direction must be one of INBOUND, OUTBOUND, UNKNOWN")
	}
	var err error
	if q.from, err = queryTime(v, "from"); err != nil {
		return q, err
	}
	if q.to, err = queryTime(v, "to"); err != nil {
		return q, err
	}
	if ps := v.Get("pageSize"); ps != "" {
		n, err := strconv.Atoi(ps)
		if err != nil || n < 1 || n > maxPageSize {
			return q, fmt.Errorf("pageSize must be an integer from 1 to %d", maxPageSize)
		}
		q.pageSize = n
	}
	if tok, ok := v["pageToken"]; ok {
		if q.after, err = readPageToken(tok[0]); err != nil {
			return q, err
		}
	}
	return q, nil
}

func queryTime(v url.Values, name string) (time.Time, error) {
	s := v.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s must be an ISO 8601 date-time such as 2026-03-01T09:30:00Z", name)
	}
	return t, nil
}

// pageToken encodes the sort position of t. It is opaque to clients;
// Stedi documents only its length (1–1024).
func pageToken(t *storedTx) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d.%d", t.at.UnixNano(), t.seq))
}

// readPageToken returns a stand-in transaction at the token's position.
func readPageToken(tok string) (*storedTx, error) {
	bad := errors.New("pageToken is not valid")
	if len(tok) < 1 || len(tok) > maxPageToken {
		return nil, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return nil, bad
	}
	at, seq, ok := strings.Cut(string(raw), ".")
	ns, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(seq, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return nil, bad
	}
	return &storedTx{at: time.Unix(0, ns), seq: n}, nil
}

// requestBase is the scheme and host the client used, so links in answers
// lead back to this simulator whatever address it listens on.
func requestBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
