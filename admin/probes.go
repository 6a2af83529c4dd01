package admin

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// errFound stops a listing after its first row.
var errFound = errors.New("found one")

// X3Probe authenticates to Sage X3 and reads one purchase order: the first
// of the change list, read in full. where names the server and folder for
// the table ("http://x3:8124 folder SEED as EDIUSER"); authAdvice says what
// to check when X3 refuses the credentials, which depends on the
// authentication mode (empty: the Basic user and password).
func X3Probe(erp core.ERP, where, authAdvice string) Probe {
	return X3ProbeSince(erp, where, authAdvice, nil)
}

// X3ProbeSince is X3Probe listing from since(ctx) (nil: from the start),
// so that it runs exactly the query the poller runs next. A PO read
// without lines fails: the lines are not where the connector looks.
func X3ProbeSince(erp core.ERP, where, authAdvice string, since func(context.Context) time.Time) Probe {
	return Probe{Part: "x3", Run: func(ctx context.Context) Outcome {
		o := Outcome{Tried: "list purchase orders as the poller does and read one with its lines, at " + where}
		from := time.Time{}
		if since != nil {
			from = since(ctx)
		}
		first, err := firstChanged(ctx, erp, from)
		if err == nil && first == "" && !from.IsZero() {
			first, err = firstChanged(ctx, erp, time.Time{}) // nothing changed since the cursor: any PO will do
		}
		if err != nil {
			return failed(o, err, x3Advice(err, authAdvice))
		}
		if first == "" {
			o.Result, o.Detail = OK, "authenticated; the folder has no purchase order to read yet"
			return o
		}
		po, err := erp.PurchaseOrder(ctx, first)
		if err != nil {
			return failed(o, err, x3Advice(err, authAdvice))
		}
		if len(po.Lines) == 0 {
			o.Result, o.Class = Fail, core.Permanent
			o.Detail = fmt.Sprintf("read PO %s (supplier %s) without any line", po.Number, po.Supplier)
			o.Advice = "the PO's line collection is not where the connector looks: ml-connector check names the collections the representation has (x3.rest.po_lines)"
			return o
		}
		o.Result, o.Detail = OK, fmt.Sprintf("authenticated; read PO %s (supplier %s, %d lines)", po.Number, po.Supplier, len(po.Lines))
		return o
	}}
}

// firstChanged returns the key of the first PO the change list gives.
func firstChanged(ctx context.Context, erp core.ERP, since time.Time) (string, error) {
	var first string
	err := erp.ChangedPurchaseOrders(ctx, since, func(rs core.RecordStamp) error {
		first = rs.Key
		return errFound
	})
	if errors.Is(err, errFound) {
		err = nil
	}
	return first, err
}

// Pinger is the cheap authenticated read of an EDI platform client.
type Pinger interface {
	Ping(ctx context.Context) error
}

// StediProbe makes Stedi's cheapest authenticated read.
func StediProbe(p Pinger, where string) Probe {
	return Probe{Part: "stedi", Run: func(ctx context.Context) Outcome {
		o := Outcome{Tried: "list one transaction (GET /transactions?pageSize=1) at " + where}
		if err := p.Ping(ctx); err != nil {
			return failed(o, err, stediAdvice(err))
		}
		o.Result, o.Detail = OK, "the API key is accepted"
		return o
	}}
}

func failed(o Outcome, err error, advice string) Outcome {
	o.Result, o.Detail, o.Advice, o.Class = Fail, err.Error(), advice, core.ClassOf(err)
	return o
}

func x3Advice(err error, authAdvice string) string {
	switch {
	case core.ClassOf(err) == core.Unauthorized && authAdvice != "":
		return authAdvice
	case core.ClassOf(err) == core.Unauthorized:
		return "check x3.user and the password in ML_X3_PASSWORD; the user must be allowed to use web services on this folder"
	case unreachable(err):
		return "check x3.url and that this host reaches the Syracuse server (firewall, VPN, server running)"
	case statusOf(err) == 404:
		return "check x3.folder (the Syracuse endpoint name) and x3.url"
	case statusOf(err) >= 500:
		return "Sage X3 answered with a server error: see the Syracuse log"
	}
	return "see the error; `ml-connector check` again once it is fixed"
}

func stediAdvice(err error) string {
	switch {
	case core.ClassOf(err) == core.Unauthorized:
		return "check ML_STEDI_API_KEY: a production API key from the Stedi portal (Settings, API keys)"
	case unreachable(err):
		return "check stedi.url and that this host reaches it (proxy, firewall; Stedi is on port 443)"
	case statusOf(err) == 404:
		return "check stedi.url: it should end with the API version, e.g. https://core.us.stedi.com/2023-08-01"
	}
	return "see the error; `ml-connector check` again once it is fixed"
}

// unreachable reports a failure to get any answer: refused, no route, no
// name, timeout.
func unreachable(err error) bool {
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.As(err, &de) ||
		errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "connection refused")
}

func statusOf(err error) int {
	var ce *core.Error
	if errors.As(err, &ce) {
		return ce.Status
	}
	return 0
}
