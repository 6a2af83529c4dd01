package sagex3

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// gqlRef is a reference property read as { code }.
type gqlRef struct {
	Code string `json:"code"`
}

// gqlPONode is the part of a purchaseOrder node the connector maps (see
// poNodeSelection).
type gqlPONode struct {
	ID                     string   `json:"_id"`
	UpdateStamp            string   `json:"_updateStamp"`
	OrderDate              string   `json:"orderDate"`
	ExpectedReceiptDate    string   `json:"expectedReceiptDate"`
	InternalOrderReference string   `json:"internalOrderReference"`
	TaxExcludedTotalAmount x3Number `json:"taxExcludedTotalAmount"`
	OrderFromSupplier      struct {
		Code gqlRef `json:"code"`
	} `json:"orderFromSupplier"`
	OrderFromSupplierCompanyNames x3Names `json:"orderFromSupplierCompanyNames"`
	Company                       gqlRef  `json:"company"`
	PurchaseSite                  gqlRef  `json:"purchaseSite"`
	ReceiptSite                   gqlRef  `json:"receiptSite"`
	Buyer                         gqlRef  `json:"buyer"`
	Currency                      gqlRef  `json:"currency"`
	PaymentTerm                   gqlRef  `json:"paymentTerm"`
	PurchaseOrderLines            struct {
		Query struct {
			Edges []struct {
				Node gqlPOLineNode `json:"node"`
			} `json:"edges"`
			PageInfo struct {
				HasNextPage bool `json:"hasNextPage"`
			} `json:"pageInfo"`
		} `json:"query"`
	} `json:"purchaseOrderLines"`
}

type gqlPOLineNode struct {
	LineNumber     x3Number `json:"lineNumber"`
	SequenceNumber x3Number `json:"sequenceNumber"`
	Product        struct {
		Code         string `json:"code"`
		Description1 string `json:"description1"`
	} `json:"product"`
	SupplierProduct            string          `json:"supplierProduct"`
	OrderUnit                  gqlRef          `json:"orderUnit"`
	QuantityInOrderUnitOrdered x3Number        `json:"quantityInOrderUnitOrdered"`
	NetPrice                   x3Number        `json:"netPrice"`
	ExpectedReceiptDate        string          `json:"expectedReceiptDate"`
	LineStatus                 json.RawMessage `json:"lineStatus"`
}

// decodePONode maps a node to the same core.PurchaseOrder the api1 client
// produces; Raw is the node verbatim.
func decodePONode(raw json.RawMessage) (*core.PurchaseOrder, error) {
	var n gqlPONode
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, fmt.Errorf("decoding the purchaseOrder node: %w", err)
	}
	if n.ID == "" {
		return nil, errors.New("the purchaseOrder node has no _id")
	}
	if n.PurchaseOrderLines.Query.PageInfo.HasNextPage {
		return nil, fmt.Errorf("PO %s has more than 1000 lines, beyond what the connector reads", n.ID)
	}
	updated, err := parseGraphQLStamp(n.UpdateStamp)
	if err != nil {
		return nil, fmt.Errorf("PO %s: %w", n.ID, err)
	}
	po := &core.PurchaseOrder{
		Number: n.ID, Supplier: n.OrderFromSupplier.Code.Code, SupplierName: n.OrderFromSupplierCompanyNames.first(),
		Company: n.Company.Code, OrderSite: n.PurchaseSite.Code, ReceivingSite: n.ReceiptSite.Code, Buyer: n.Buyer.Code,
		OrderDate: x3Date(n.OrderDate), ExpectedReceipt: x3Date(n.ExpectedReceiptDate), Currency: n.Currency.Code,
		PaymentTerms: n.PaymentTerm.Code, InternalRef: n.InternalOrderReference,
		TotalExTax: float64(n.TaxExcludedTotalAmount), Updated: updated, Raw: raw,
		Lines: make([]core.POLine, 0, len(n.PurchaseOrderLines.Query.Edges)),
	}
	for _, e := range n.PurchaseOrderLines.Query.Edges {
		line, err := e.Node.toCore()
		if err != nil {
			return nil, fmt.Errorf("PO %s: %w", n.ID, err)
		}
		po.Lines = append(po.Lines, line)
	}
	return po, nil
}

func (l gqlPOLineNode) toCore() (core.POLine, error) {
	status := menuEnum{names: lineStatusValues}
	if err := status.decode(l.LineStatus); err != nil {
		return core.POLine{}, fmt.Errorf("line %v lineStatus: %w", float64(l.LineNumber), err)
	}
	return core.POLine{
		Line: int(l.LineNumber), Seq: int(l.SequenceNumber), Item: l.Product.Code,
		Description: l.Product.Description1, SupplierItem: l.SupplierProduct, Unit: l.OrderUnit.Code,
		Quantity: float64(l.QuantityInOrderUnitOrdered), NetPrice: float64(l.NetPrice),
		ExpectedReceipt: x3Date(l.ExpectedReceiptDate), Status: status.value,
	}, nil
}

// parseGraphQLStamp reads an _updateStamp (ISO 8601, usually with
// milliseconds); empty means unknown.
func parseGraphQLStamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("_updateStamp %q is not an ISO 8601 date-time", s)
	}
	return t, nil
}

// graphQLStamp writes a time for an _updateStamp filter. Sub-millisecond
// precision is dropped: truncating down can only re-list a record.
func graphQLStamp(t time.Time) string {
	return t.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000Z")
}
