package sagex3

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The purchaseOrder node as the connector reads and writes it.
//
// UNCONFIRMED: Sage documents _id, _updateStamp, orderDate,
// internalOrderReference, taxExcludedTotalAmount,
// orderFromSupplier{code{code}}, orderFromSupplierCompanyNames,
// purchaseSite/receiptSite/currency{code}, purchaseOrderLines with
// lineNumber, product{code description1}, quantityInOrderUnitOrdered and
// orderUnit{code}, and (in X3 Builder code) expectedReceiptDate, netPrice
// and grossPrice. Every other property name here (company, buyer,
// paymentTerm, supplierProduct, sequenceNumber, lineStatus, and the
// acknowledgement and ship-notice (y…) properties in
// graphQLHeaderColumns/graphQLLineColumns)
// is our plausible camelCase reading of the X3 column, and local menus are
// taken to travel as enums (the docs filter isClosed on 'yes'). On a real
// instance, introspect the schema and correct these names here only.
const poNodeSelection = `_id _updateStamp orderDate expectedReceiptDate internalOrderReference taxExcludedTotalAmount
orderFromSupplier { code { code } } orderFromSupplierCompanyNames
company { code } purchaseSite { code } receiptSite { code } buyer { code } currency { code } paymentTerm { code }
purchaseOrderLines { query(first: 1000) { edges { node {
  lineNumber sequenceNumber product { code description1 } supplierProduct orderUnit { code }
  quantityInOrderUnitOrdered netPrice expectedReceiptDate lineStatus } } pageInfo { hasNextPage } } }`

// columnMapping turns the value of one X3 column of a patch into the
// GraphQL property that holds it.
type columnMapping struct {
	property string
	convert  func(json.RawMessage) (any, error)
}

// graphQLHeaderColumns and graphQLLineColumns are the columns an update
// may name (the ones the api1 $edit path writes: acknowledgement fields,
// revised dates, quantities and statuses). Property names: see above.
var graphQLHeaderColumns = map[string]columnMapping{
	"OCNNUM":     {"acknowledgementNumber", asIs},
	"OCNDAT":     {"acknowledgementDate", asIs},
	"OCNREM":     {"acknowledgementNotes", asIs},
	"OCNFLG":     {"acknowledgementReminder", yesNoEnum},
	"EXTRCPDAT1": {"expectedReceiptDate", asIs},
	"ORDREF":     {"internalOrderReference", asIs},
	// The ship-notice columns are a site's own (core/writeback.go); X3
	// exposes such extension columns as properties of the node.
	"YASNNUM":   {"yAsnNumber", asIs},
	"YSHIDAT":   {"yShipDate", asIs},
	"YCARRIER":  {"yCarrier", asIs},
	"YTRACKNUM": {"yTrackingNumber", asIs},
	"YBOLNUM":   {"yBillOfLadingNumber", asIs},
}

var graphQLLineColumns = map[string]columnMapping{
	"POPLIN":    {"lineNumber", asIs},
	"POQSEQ":    {"sequenceNumber", asIs},
	"QTYUOM":    {"quantityInOrderUnitOrdered", asIs},
	"NETPRI":    {"netPrice", asIs},
	"GROPRI":    {"grossPrice", asIs},
	"EXTRCPDAT": {"expectedReceiptDate", asIs},
	"LINSTA":    {"lineStatus", lineStatusEnum},
	"LINOCNDAT": {"acknowledgementDate", asIs},
	"LINOCNNUM": {"acknowledgementNumber", asIs},
	"LINOCNFLG": {"acknowledgementFlag", yesNoEnum},
	"YSHIQTY":   {"yShippedQuantity", asIs},
}

// Local menu values as enums: menu 1 (1 = no, 2 = yes) and menu 279
// (LINSTA: 1 pending, 2 late, 3 closed).
var (
	yesNoValues      = []string{"no", "yes"}
	lineStatusValues = []string{"pending", "late", "closed"}
)

func asIs(raw json.RawMessage) (any, error) { return raw, nil }

func yesNoEnum(raw json.RawMessage) (any, error) { return menuToEnum(raw, yesNoValues) }

func lineStatusEnum(raw json.RawMessage) (any, error) { return menuToEnum(raw, lineStatusValues) }

// menuToEnum accepts the menu number X3 stores (1-based) or the enum name.
func menuToEnum(raw json.RawMessage, names []string) (any, error) {
	var name string
	if json.Unmarshal(raw, &name) == nil {
		for _, n := range names {
			if strings.EqualFold(n, name) {
				return n, nil
			}
		}
	}
	var n int
	if json.Unmarshal(raw, &n) == nil && n >= 1 && n <= len(names) {
		return names[n-1], nil
	}
	return nil, fmt.Errorf("must be a local menu value from 1 to %d or one of %s", len(names), strings.Join(names, ", "))
}

// menuEnum reads an enum (or a number) back into the X3 menu value.
type menuEnum struct {
	names []string
	value int
}

func (m *menuEnum) decode(raw json.RawMessage) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var name string
	if json.Unmarshal(raw, &name) == nil {
		for i, n := range m.names {
			if strings.EqualFold(n, name) {
				m.value = i + 1
				return nil
			}
		}
		if v, err := strconv.Atoi(name); err == nil {
			m.value = v
			return nil
		}
		return fmt.Errorf("unknown value %q", name)
	}
	return json.Unmarshal(raw, &m.value)
}
