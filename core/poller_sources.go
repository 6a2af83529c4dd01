package core

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// recordSource is one kind of X3 record the poller turns into outbound
// documents. The poll itself (cursor, stamps, revisions, content hash,
// idempotency keys, preflight) is shared; a source lists, reads and maps.
type recordSource interface {
	kind() Kind
	cursor() string
	// names are how messages call one record and several ("PO",
	// "purchase order(s)").
	names() (one, many string)
	// needs are the X3 capabilities polling the source takes.
	needs() []X3Capability
	list(ctx context.Context, since time.Time, fn func(RecordStamp) error) error
	read(ctx context.Context, key string) (*sourceRecord, error)
}

// sourceRecord is one record read in full, with the functions that map
// and check it for a partner.
type sourceRecord struct {
	key      string
	supplier string
	poNumber string
	updated  time.Time
	raw      json.RawMessage
	// notReady is why the record must not go out yet ("" when it may).
	notReady string
	// mapTo maps the record for a partner (a PO is mapped by closure instead: po).
	mapTo     func(partner Partner, purpose string) (json.RawMessage, error)
	preflight func(partner Partner) []string
	// po is the purchase order read (nil for other records): its closure
	// and the partner's change set decide what it sends (poller_po.go).
	po *PurchaseOrder
}

// sources are what this poller polls: purchase orders always, supplier
// invoices when the ERP can list them and a partner receives 810s.
func (p *Poller) sources() []recordSource {
	srcs := []recordSource{poSource{erp: p.ERP}}
	if inv, ok := p.ERP.(InvoiceSource); ok && trades(p.Partners, Kind810) {
		srcs = append(srcs, invoiceSource{inv: inv, erp: p.ERP, mc: p.Map})
	}
	return srcs
}

func trades(ps Partners, kind Kind) bool {
	for _, partner := range ps {
		if partner.TransactionSettings[kind] != "" {
			return true
		}
	}
	return false
}

// poSource reads purchase orders for 850s (mapped by poller_po.go).
type poSource struct {
	erp ERP
}

func (poSource) kind() Kind                { return Kind850 }
func (poSource) cursor() string            { return CursorPurchaseOrders }
func (poSource) names() (one, many string) { return "PO", "purchase order(s)" }
func (poSource) needs() []X3Capability     { return []X3Capability{CapPollPOs, CapReadLines} }
func (s poSource) list(ctx context.Context, since time.Time, fn func(RecordStamp) error) error {
	return s.erp.ChangedPurchaseOrders(ctx, since, fn)
}

func (s poSource) read(ctx context.Context, key string) (*sourceRecord, error) {
	po, err := s.erp.PurchaseOrder(ctx, key)
	if err != nil {
		return nil, err
	}
	return &sourceRecord{
		key: po.Number, supplier: po.Supplier, poNumber: po.Number, updated: po.Updated, raw: po.Raw,
		preflight: func(partner Partner) []string { return Preflight850(po, partner) },
		po:        po,
	}, nil
}

// invoiceSource reads supplier invoices for 810s, with what their
// purchase order adds (PO date, ship-to site, supplier part numbers).
type invoiceSource struct {
	inv InvoiceSource
	erp ERP
	mc  MapConfig
}

func (invoiceSource) kind() Kind                { return Kind810 }
func (invoiceSource) cursor() string            { return CursorSupplierInvoices }
func (invoiceSource) names() (one, many string) { return "invoice", "supplier invoice(s)" }
func (invoiceSource) needs() []X3Capability     { return []X3Capability{CapPollInvoices} }
func (s invoiceSource) list(ctx context.Context, since time.Time, fn func(RecordStamp) error) error {
	return s.inv.ChangedSupplierInvoices(ctx, since, fn)
}

func (s invoiceSource) read(ctx context.Context, key string) (*sourceRecord, error) {
	inv, err := s.inv.SupplierInvoice(ctx, key)
	if err != nil {
		return nil, err
	}
	if err := s.addPurchaseOrderFacts(ctx, inv); err != nil {
		return nil, err
	}
	rec := &sourceRecord{
		key: inv.Number, supplier: inv.Supplier, poNumber: inv.PurchaseOrderNumber(), updated: inv.Updated, raw: inv.Raw,
		mapTo: func(partner Partner, purpose string) (json.RawMessage, error) {
			return Map810(inv, partner, s.mc, purpose)
		},
		preflight: func(partner Partner) []string { return Preflight810(inv, partner) },
	}
	if inv.Status != InvoiceStatusValidated {
		rec.notReady = "not validated in X3 (STA)"
	}
	return rec, nil
}

// addPurchaseOrderFacts copies from the invoice's purchase order what the
// 810 carries and PINVOICE lacks. A PO that cannot be read for good (gone,
// refused) leaves them empty; a transient failure defers the invoice.
func (s invoiceSource) addPurchaseOrderFacts(ctx context.Context, inv *SupplierInvoice) error {
	num := inv.PurchaseOrderNumber()
	if num == "" {
		return nil
	}
	po, err := s.erp.PurchaseOrder(ctx, num)
	if err != nil {
		if !errors.Is(err, ErrNotFound) && ClassOf(err) == Transient {
			return err
		}
		return nil
	}
	inv.PODate, inv.POReceivingSite = po.OrderDate, po.ReceivingSite
	for i := range inv.Lines {
		l := &inv.Lines[i]
		for _, pl := range po.Lines {
			if pl.Line == l.POLine && (l.POSeq == 0 || pl.Seq == l.POSeq) {
				l.SupplierItem = pl.SupplierItem
				break
			}
		}
	}
	return nil
}
