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
	return Probe{Part: "x3", Run: func(ctx context.Context) Outcome {
		o := Outcome{Tried: "list purchase orders and read one, at " + where}
		var first string
		err := erp.ChangedPurchaseOrders(ctx, time.Time{}, func(rs core.RecordStamp) error {
			first = rs.Key
			return errFound
		})
		if err != nil && !errors.Is(err, errFound) {
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
		o.Result, o.Detail = OK, fmt.Sprintf("authenticated; read PO %s (supplier %s, %d lines)", po.Number, po.Supplier, len(po.Lines))
		return o
	}}
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
