// Package x3test is what the tests of the Sage X3 packages (sagex3,
// rest, graphql, x3auth) share: the credentials and start time of the
// simulated site, its sample purchase order, a GraphQL fixture (gql.go),
// and assertions that errors are classified and hold no secret. Only
// tests import it.
package x3test

import (
	"encoding/base64"
	"slices"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// The web-service user the simulated site accepts.
const (
	User     = "EDIUSER"
	Password = "S3cr3t-P@ss"
)

// T0 is the simulated site's clock at the start of every test.
var T0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// BasicToken is User:Password as HTTP Basic sends it; no error may hold it.
var BasicToken = base64.StdEncoding.EncodeToString([]byte(User + ":" + Password))

// AddSamplePO adds PODC0100042: supplier AURORA, two lines (1000 and 2000).
func AddSamplePO(sim *x3sim.Server) {
	sim.AddPurchaseOrder(x3sim.PO{
		Number: "PODC0100042", Supplier: "AURORA", SupplierName: [2]string{"Aurora Semiconductor Supply"},
		Company: "ELC", OrderSite: "DC01", ReceivingSite: "DC01", Buyer: "MRA",
		OrderDate: "2026-11-20", ExpectedReceipt: "2026-12-11", Currency: "USD",
		PaymentTerms: "NET30", InternalRef: "REQ-12345",
		Lines: []x3sim.POLine{
			{Item: "MCU-32F411", Description: "32-bit MCU", SupplierItem: "AS-32F411-LQ64", Unit: "EA",
				Quantity: 250, GrossPrice: 6.85, NetPrice: 6.71, ExpectedReceipt: "2026-12-11"},
			{Item: "IC-LDO-33", Description: "LDO 3.3V", SupplierItem: "AS-LDO33-S235", Unit: "EA",
				Quantity: 1000, GrossPrice: 0.38, NetPrice: 0.3724, ExpectedReceipt: "2026-12-14"},
		},
	})
}

// Mapped drops what only api1 reads of a line (its $uuid and the
// write-back's current values), keeping what the 850 maps.
func Mapped(lines []core.POLine) []core.POLine {
	out := slices.Clone(lines)
	for i := range out {
		out[i].Key, out[i].Fields = "", nil
	}
	return out
}

// EqualHeader compares everything but Lines and Raw.
func EqualHeader(a, b core.PurchaseOrder) bool {
	return a.Number == b.Number && a.Supplier == b.Supplier && a.SupplierName == b.SupplierName &&
		a.Company == b.Company && a.OrderSite == b.OrderSite && a.ReceivingSite == b.ReceivingSite &&
		a.Buyer == b.Buyer && a.OrderDate == b.OrderDate && a.ExpectedReceipt == b.ExpectedReceipt &&
		a.Currency == b.Currency && a.PaymentTerms == b.PaymentTerms && a.InternalRef == b.InternalRef &&
		a.TotalExTax == b.TotalExTax && a.Updated.Equal(b.Updated)
}
