package config

import (
	"maps"
	"regexp"
	"slices"
	"strings"
)

// X3GraphQL is the [x3.graphql] table: the GraphQL names this site uses
// where they differ from the connector's defaults (graphql.Names has
// the defaults and their sources). Empty keys keep the default;
// `ml-connector check` shows what the site lacks.
type X3GraphQL struct {
	Order             string `toml:"order"`              // purchase order node (purchaseOrder)
	OrderLines        string `toml:"order_lines"`        // its line collection (purchaseOrderLines)
	Invoice           string `toml:"invoice"`            // supplier invoice node (purchaseInvoice)
	InvoiceLines      string `toml:"invoice_lines"`      // (lines)
	Receipt           string `toml:"receipt"`            // purchase receipt node (purchaseReceipt)
	ReceiptLines      string `toml:"receipt_lines"`      // (lines)
	Shipment          string `toml:"shipment"`           // the site's inbound shipment node (purchaseShipment)
	ShipmentLines     string `toml:"shipment_lines"`     // (lines)
	AckOperation      string `toml:"ack_operation"`      // mutation on order writing 855s (update)
	ReceiptOperation  string `toml:"receipt_operation"`  // (create)
	ShipmentOperation string `toml:"shipment_operation"` // (create)
	ShipmentRead      string `toml:"shipment_read"`      // finds a shipment by id (read)
	// Properties maps "TABLE.COLUMN" (e.g. "PORDER.BUY") to this site's
	// property path (e.g. "buyer.code").
	Properties map[string]string `toml:"properties"`
}

var (
	graphQLFieldName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)
	graphQLPath      = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)*$`)
	x3ColumnKey      = regexp.MustCompile(`^[A-Z][A-Z0-9]*\.[A-Z][A-Z0-9]*$`)
)

// validateX3GraphQL checks that every name is a GraphQL name and every
// property key names an X3 column. Which columns the connector uses is
// checked when the client is built (graphql.Names.WithOverrides).
func (g X3GraphQL) validateX3GraphQL(bad func(key, format string, args ...any)) {
	for key, v := range map[string]string{"order": g.Order, "order_lines": g.OrderLines, "invoice": g.Invoice,
		"invoice_lines": g.InvoiceLines, "receipt": g.Receipt, "receipt_lines": g.ReceiptLines, "shipment": g.Shipment,
		"shipment_lines": g.ShipmentLines, "ack_operation": g.AckOperation, "receipt_operation": g.ReceiptOperation,
		"shipment_operation": g.ShipmentOperation, "shipment_read": g.ShipmentRead} {
		if v != "" && !graphQLFieldName.MatchString(v) {
			bad("x3.graphql."+key, "%q is not a GraphQL field name", v)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(g.Properties)) {
		switch v := g.Properties[k]; {
		case !x3ColumnKey.MatchString(k):
			bad(`x3.graphql.properties."`+k+`"`, "keys are an X3 table and column, such as \"PORDER.BUY\"")
		case !graphQLPath.MatchString(v):
			bad(`x3.graphql.properties."`+k+`"`, "%q is not a GraphQL property path (names joined by dots, e.g. buyer.code)", v)
		case strings.HasPrefix(v, "__"):
			bad(`x3.graphql.properties."`+k+`"`, "%q names GraphQL's own introspection", v)
		}
	}
}
