package x3sim

import (
	"encoding/base64"
	"strconv"
	"time"
)

// Local menus travel as enums on the GraphQL API: menu 1 (1 = no,
// 2 = yes) and LINSTA's menu 279.
var (
	gqlYesNo      = []string{"no", "yes"}
	gqlLineStatus = []string{"pending", "late", "closed"}
)

func enumName(names []string, v int) any {
	if v < 1 || v > len(names) {
		return nil
	}
	return names[v-1]
}

// gqlStamp renders _createStamp/_updateStamp as ISO 8601 with milliseconds.
func gqlStamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// gqlDate renders a date, null when unset.
func gqlDate(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func ref(typeName, code string) *gqlObject {
	if code == "" {
		return nil
	}
	return &gqlObject{typeName: typeName, fields: map[string]any{"code": code, "name": code}}
}

// poNode is a purchase order as the GraphQL purchaseOrder node.
func poNode(p *PO) *gqlObject {
	supplier := &gqlObject{typeName: "Supplier", fields: map[string]any{
		"code":         &gqlObject{typeName: "BusinessPartner", fields: map[string]any{"code": p.Supplier}},
		"companyName1": p.SupplierName[0],
	}}
	return &gqlObject{typeName: "PurchaseOrder", fields: map[string]any{
		"_id": p.Number, "id": p.Number, "_createStamp": gqlStamp(p.Created), "_updateStamp": gqlStamp(p.Updated),
		"orderDate": gqlDate(p.OrderDate), "expectedReceiptDate": gqlDate(p.ExpectedReceipt),
		"internalOrderReference": p.InternalRef, "taxExcludedTotalAmount": p.Total,
		"orderFromSupplier": supplier, "orderFromSupplierCompanyNames": []string{p.SupplierName[0], p.SupplierName[1]},
		"company": ref("Company", p.Company), "purchaseSite": ref("Site", p.OrderSite),
		"receiptSite": ref("Site", p.ReceivingSite), "buyer": ref("User", p.Buyer),
		"currency": ref("Currency", p.Currency), "paymentTerm": ref("PaymentTerm", p.PaymentTerms),
		"acknowledgementNumber": p.AckNumber, "acknowledgementDate": gqlDate(p.AckDate),
		"acknowledgementNotes": p.AckNotes, "acknowledgementReminder": "no", "isClosed": "no",
		"yAsnNumber": p.ASNNumber, "yShipDate": gqlDate(p.ShipDate), "yCarrier": p.Carrier,
		"yTrackingNumber": p.Tracking, "yBillOfLadingNumber": p.BillOfLading,
		"purchaseOrderLines": &gqlObject{typeName: "PurchaseOrderLine_Collection", fields: map[string]any{
			"query": gqlResolver(func(args map[string]any) (any, error) {
				nodes := make([]*gqlObject, len(p.Lines))
				for i, l := range p.Lines {
					nodes[i] = lineNode(p, l)
				}
				return listConnection("PurchaseOrderLine", nodes, args)
			}),
		}},
	}}
}

func lineNode(p *PO, l POLine) *gqlObject {
	return &gqlObject{typeName: "PurchaseOrderLine", fields: map[string]any{
		"_id":        p.Number + "|" + strconv.Itoa(l.Line) + "|" + strconv.Itoa(l.Seq),
		"lineNumber": l.Line, "sequenceNumber": l.Seq,
		"product":         &gqlObject{typeName: "Product", fields: map[string]any{"code": l.Item, "description1": l.Description}},
		"supplierProduct": l.SupplierItem, "orderUnit": ref("UnitOfMeasure", l.Unit),
		"quantityInOrderUnitOrdered": l.Quantity, "grossPrice": l.GrossPrice, "netPrice": l.NetPrice,
		"lineAmount": l.Amount, "expectedReceiptDate": gqlDate(l.ExpectedReceipt),
		"lineStatus": enumName(gqlLineStatus, l.Status), "acknowledgementDate": gqlDate(l.AckDate),
		"acknowledgementNumber": l.AckNumber, "acknowledgementFlag": enumName(gqlYesNo, l.AckFlag),
		"yShippedQuantity": l.ShippedQuantity,
	}}
}

// listConnection pages a record's lines in line order; cursors are opaque
// positions.
func listConnection(prefix string, nodes []*gqlObject, args map[string]any) (any, error) {
	first, err := firstArg(args)
	if err != nil {
		return nil, err
	}
	start := 0
	if after, _ := args["after"].(string); after != "" {
		raw, err := base64.RawURLEncoding.DecodeString(after)
		n, convErr := strconv.Atoi(string(raw))
		if err != nil || convErr != nil || n < 0 {
			return nil, &gqlFieldError{message: "Invalid cursor"}
		}
		start = n + 1
	}
	var edges []*gqlObject
	for i := start; i < len(nodes) && len(edges) < first; i++ {
		edges = append(edges, &gqlObject{typeName: prefix + "_Edge", fields: map[string]any{
			"node": nodes[i], "cursor": base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(i))),
		}})
	}
	return connection(prefix, edges, start+len(edges) < len(nodes), start > 0, len(nodes)), nil
}

// connection builds a *_Connection object with its pageInfo.
func connection(prefix string, edges []*gqlObject, hasNext, hasPrevious bool, total int) *gqlObject {
	var startCursor, endCursor any
	if len(edges) > 0 {
		startCursor, endCursor = edges[0].fields["cursor"], edges[len(edges)-1].fields["cursor"]
	}
	if edges == nil {
		edges = []*gqlObject{}
	}
	return &gqlObject{typeName: prefix + "_Connection", fields: map[string]any{
		"edges": edges, "totalCount": total,
		"pageInfo": &gqlObject{typeName: "PageInfo", fields: map[string]any{
			"endCursor": endCursor, "hasNextPage": hasNext, "startCursor": startCursor, "hasPreviousPage": hasPrevious,
		}},
	}}
}

// Page sizes: 20 by default (documented for SDMO on the same framework),
// capped so one request cannot render the whole table.
const (
	gqlDefaultFirst = 20
	gqlMaxFirst     = 1000
)

func firstArg(args map[string]any) (int, error) {
	v, ok := args["first"]
	if !ok || v == nil {
		return gqlDefaultFirst, nil
	}
	n, err := intArg(v)
	if err != nil || n < 1 {
		return 0, &gqlFieldError{message: "first must be a positive integer"}
	}
	return min(n, gqlMaxFirst), nil
}

// intArg reads a number argument from a literal or a variable.
func intArg(v any) (int, error) {
	switch n := v.(type) {
	case float64:
		return int(n), nil
	case interface{ Int64() (int64, error) }:
		i, err := n.Int64()
		return int(i), err
	case string:
		return strconv.Atoi(n)
	}
	return 0, strconv.ErrSyntax
}
