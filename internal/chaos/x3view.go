package chaos

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/rest"
)

// x3View reads the simulated Sage X3 through api1, as any client would,
// with the project's api1 client and its default names (the daemon's
// configuration overrides none).
type x3View struct {
	c *rest.Client
}

func newX3View(url, password string) (x3View, error) {
	c, err := rest.New(rest.Config{BaseURL: url, Folder: "SEED", User: "EDIUSER", Password: password,
		PageSize: 200, HTTPClient: &http.Client{Timeout: 30 * time.Second}})
	return x3View{c}, err
}

// poFacts is what X3 holds of one purchase order that the end state is
// judged by.
type poFacts struct {
	supplier     string
	acknowledged bool // OCNNUM is set: an 855 was written into the PO
}

// purchaseOrders reads every purchase order of X3 and keeps those of
// suppliers on EDI.
func (v x3View) purchaseOrders(ctx context.Context, onEDI map[string]bool) (map[string]poFacts, error) {
	keys, err := v.keys(ctx)
	if err != nil {
		return nil, err
	}
	return v.read(ctx, keys, onEDI)
}

// read reads the purchase orders keys names and keeps those of suppliers
// on EDI.
func (v x3View) read(ctx context.Context, keys []string, onEDI map[string]bool) (map[string]poFacts, error) {
	var mu sync.Mutex
	out := map[string]poFacts{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, key := range keys {
		g.Go(func() error {
			f, err := v.readOne(gctx, key)
			if err != nil || !onEDI[f.supplier] {
				return err
			}
			mu.Lock()
			out[key] = f
			mu.Unlock()
			return nil
		})
	}
	return out, g.Wait()
}

// keys lists the numbers of the purchase orders X3 holds, once each. X3
// lists in update-stamp order: a PO saved meanwhile comes twice, and may
// push another out of the listing, which a later listing finds.
func (v x3View) keys(ctx context.Context) ([]string, error) {
	var keys []string
	seen := map[string]bool{}
	err := v.c.ChangedPurchaseOrders(ctx, time.Time{}, func(rs core.RecordStamp) error {
		if !seen[rs.Key] {
			seen[rs.Key] = true
			keys = append(keys, rs.Key)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list X3 purchase orders: %w", err)
	}
	return keys, nil
}

// ediTarget is how many 850s the daemon must end with: one per purchase
// order of a supplier on EDI, counted once X3 holds all of them (the
// simulator may create them one at a time).
type ediTarget struct {
	total int             // purchase orders the simulator creates
	onEDI map[string]bool // suppliers on EDI
	n     int
	known bool
}

// get returns the target, or false while X3 still lacks purchase orders.
func (e *ediTarget) get(ctx context.Context, v x3View) (int, bool, error) {
	if e.known {
		return e.n, true, nil
	}
	keys, err := v.keys(ctx)
	if err != nil || len(keys) < e.total {
		return 0, false, err
	}
	facts, err := v.read(ctx, keys, e.onEDI)
	if err != nil {
		return 0, false, err
	}
	e.n, e.known = len(facts), true
	return e.n, true, nil
}

func (v x3View) readOne(ctx context.Context, key string) (poFacts, error) {
	po, err := v.c.PurchaseOrder(ctx, key)
	if err != nil {
		return poFacts{}, fmt.Errorf("read X3 purchase order %s: %w", key, err)
	}
	// The acknowledgment number is a PORDER column (OCNNUM by default) the
	// connector writes from BAK08; the engine's PurchaseOrder type does not
	// carry it, the record as X3 returned it does.
	var rec map[string]any
	if err := json.Unmarshal(po.Raw, &rec); err != nil {
		return poFacts{}, fmt.Errorf("read X3 purchase order %s: %w", key, err)
	}
	ack, _ := rec[rest.Names{}.Get(rest.POAckNumber)].(string)
	return poFacts{supplier: po.Supplier, acknowledged: ack != ""}, nil
}
