package x3gql

import (
	"strings"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// graphQLSchema is the schema (SDL) a site serves, read by graphql-go.
//
// A stock site has what Sage documents (docs/sagex3-api.md §2.5, §2.7,
// ../shared/docs/real-systems.md §5): the purchaseOrder node with its
// documented properties and lines, _createStamp/_updateStamp,
// purchaseReceipt with its documented create mutation, and no
// purchaseOrder mutation at all. A configured site adds what
// docs/x3-setup.md (GraphQL) asks the X3 administrator for: the
// acknowledgment update operation (GESAPIOPE, mutation type Update) with
// the OCN*/LINOCN* properties, the PO properties the connector maps
// (declared where the standard node lacks them), the ship-notice custom
// columns (Y*, named as the 3P example names YXYLOLIN: yxylolin), the
// receipt's packing-slip reference, the purchase-invoice node and a
// shipment operation. Names other than the documented ones are the
// simulator's reading of the X3 columns: what a real site calls them is
// learned by introspection (sagex3/graphql/discover.go).
func graphQLSchema(site x3sim.Site, n x3sim.GraphQLNames) string {
	configured := site == x3sim.SiteConfigured
	var b strings.Builder
	add := func(always bool, parts ...string) {
		if always {
			for _, p := range parts {
				b.WriteString(p)
				b.WriteByte('\n')
			}
		}
	}
	add(true, gqlCommon)
	add(true, `type sageQuery { `+n.Root+`: X3Purchasing! }`)
	add(true, `type sageMutation { `+n.Root+`: X3PurchasingMutation! }`)
	add(true, `type X3Purchasing {`, ` purchaseOrder: PurchaseOrder_Operations!`, ` purchaseReceipt: PurchaseReceipt_Operations!`)
	add(configured, ` purchaseInvoice: PurchaseInvoice_Operations!`, ` purchaseShipment: PurchaseShipment_Operations!`)
	add(true, `}`, `type X3PurchasingMutation {`, ` purchaseReceipt: PurchaseReceipt_Mutations!`)
	add(configured, ` purchaseOrder: PurchaseOrder_Mutations!`, ` purchaseShipment: PurchaseShipment_Mutations!`)
	add(true, `}`)
	add(true, strings.ReplaceAll(gqlOrderStock, "LINES", n.OrderLines))
	add(configured, gqlOrderConfigured)
	add(true, `}`, gqlOrderLineStock)
	add(configured, gqlOrderLineConfigured)
	add(true, `}`, gqlReceiptStock)
	add(configured, ` supplierPackingSlip: String`)
	add(true, `}`, gqlReceiptInputStock)
	add(configured, ` supplierPackingSlip: String`)
	add(true, `}`)
	add(configured, strings.ReplaceAll(gqlOrderMutation, "LINES", n.OrderLines), sdlInvoice, sdlShipment)
	return b.String()
}

const gqlCommon = `schema { query: sageQuery mutation: sageMutation }
scalar Id
scalar Date
scalar Datetime
scalar Decimal
enum YesNo { no yes }
enum LineStatus { pending late closed }
enum OrderStatus { no inPart inFull notManaged yesAutomatic }
type PageInfo { endCursor: String hasNextPage: Boolean! startCursor: String hasPreviousPage: Boolean! }
type Site { _id: Id! code: String! name: String }
type BusinessPartner { code: String! }
type Supplier { code: BusinessPartner! companyName1: String }
type Company { code: String! }
type User { code: String! }
type Currency { code: String! }
type PaymentTerm { code: String! }
type Product { code: String! description1: String }
type UnitOfMeasure { code: String! }
type Code { code: String! }
type PurchaseOrder_Operations {
 query(filter: String, orderBy: String, first: Int, after: String): PurchaseOrder_Connection!
 read(_id: Id!): PurchaseOrder
}
type PurchaseOrder_Connection { edges: [PurchaseOrder_Edge!]! pageInfo: PageInfo! totalCount: Int! }
type PurchaseOrder_Edge { node: PurchaseOrder! cursor: String! }
type PurchaseOrderLine_Collection { query(first: Int, after: String): PurchaseOrderLine_Connection! }
type PurchaseOrderLine_Connection { edges: [PurchaseOrderLine_Edge!]! pageInfo: PageInfo! totalCount: Int! }
type PurchaseOrderLine_Edge { node: PurchaseOrderLine! cursor: String! }
type PurchaseReceipt_Operations {
 query(filter: String, orderBy: String, first: Int, after: String): PurchaseReceipt_Connection!
 read(_id: Id!): PurchaseReceipt
}
type PurchaseReceipt_Connection { edges: [PurchaseReceipt_Edge!]! pageInfo: PageInfo! totalCount: Int! }
type PurchaseReceipt_Edge { node: PurchaseReceipt! cursor: String! }
type PurchaseReceipt_Mutations { create(data: PurchaseReceipt_Input!): PurchaseReceipt }
type PurchaseReceiptLine_Collection { query(first: Int, after: String): PurchaseReceiptLine_Connection! }
type PurchaseReceiptLine_Connection { edges: [PurchaseReceiptLine_Edge!]! pageInfo: PageInfo! totalCount: Int! }
type PurchaseReceiptLine_Edge { node: PurchaseReceiptLine! cursor: String! }
type PurchaseReceiptLine {
 lineNumber: Int! product: Product quantityInReceiptUnitReceived: Decimal receiptUnit: UnitOfMeasure
 receiptUnitToStockUnitConversionFactor: Decimal purchaseOrder: String purchaseOrderLineNumber: Int
}
input PurchaseReceiptLine_Input {
 receiptSite: String purchaseOrder: String purchaseOrderLineNumber: Int product: String receiptUnit: String
 quantityInReceiptUnitReceived: Decimal stockDetails: [StockDetail_Input!]
}
input StockDetail_Input {
 status: String packingUnit: String quantityInPackingUnit: Decimal location: String supplierLot: String
 sublot: String lot: String licensePlateNumber: String minorVersion: String majorVersion: String
}`

// gqlOrderStock is the purchaseOrder node as documented; LINES is the
// line collection's name. The type is closed by graphQLSchema.
const gqlOrderStock = `type PurchaseOrder {
 _id: Id! id: Id! _createStamp: Datetime _updateStamp: Datetime
 orderDate: Date internalOrderReference: String taxExcludedTotalAmount: Decimal
 orderFromSupplier: Supplier orderFromSupplierCompanyNames: [String!]
 purchaseSite: Site receiptSite: Site currency: Currency
 isClosed: YesNo receiptStatus: OrderStatus signatureStatus: OrderStatus invoiceStatus: OrderStatus
 LINES: PurchaseOrderLine_Collection!`

const gqlOrderConfigured = ` company: Company buyer: User paymentTerm: PaymentTerm expectedReceiptDate: Date
 acknowledgementNumber: String acknowledgementDate: Date acknowledgementNotes: String acknowledgementReminder: YesNo
 yasnnum: String yshidat: Date ycarrier: String ytracknum: String ybolnum: String`

const gqlOrderLineStock = `type PurchaseOrderLine {
 _id: Id! lineNumber: Int! product: Product quantityInOrderUnitOrdered: Decimal
 quantityInStockUnitReceived: Decimal orderUnit: UnitOfMeasure`

const gqlOrderLineConfigured = ` sequenceNumber: Int supplierProduct: String netPrice: Decimal grossPrice: Decimal
 lineAmount: Decimal expectedReceiptDate: Date lineStatus: LineStatus
 acknowledgementDate: Date acknowledgementNumber: String acknowledgementFlag: YesNo yshiqty: Decimal
 isClosed: YesNo isClosedByReceipt: YesNo`

const gqlReceiptStock = `type PurchaseReceipt {
 _id: Id! id: Id! _createStamp: Datetime _updateStamp: Datetime receiptSite: Site receiptDate: Date
 supplier: Supplier stockMovementCode: Code stockAutomaticJournal: Code lines: PurchaseReceiptLine_Collection!`

const gqlReceiptInputStock = `input PurchaseReceipt_Input {
 receiptSite: String receiptDate: Date supplier: String lines: [PurchaseReceiptLine_Input!]`

// gqlOrderMutation is the acknowledgment operation a configured site
// exposes: an Update on purchaseOrder whose data carries the key with the
// changed properties, lines naming theirs (X3 Builder docs: key fields go
// inside data).
const gqlOrderMutation = `type PurchaseOrder_Mutations { update(data: PurchaseOrder_Input!): PurchaseOrder }
input PurchaseOrder_Input {
 _id: Id id: Id acknowledgementNumber: String acknowledgementDate: Date acknowledgementNotes: String
 acknowledgementReminder: YesNo expectedReceiptDate: Date internalOrderReference: String
 yasnnum: String yshidat: Date ycarrier: String ytracknum: String ybolnum: String
 LINES: [PurchaseOrderLine_Input!]
}
input PurchaseOrderLine_Input {
 _action: String _id: Id lineNumber: Int sequenceNumber: Int quantityInOrderUnitOrdered: Decimal
 grossPrice: Decimal netPrice: Decimal expectedReceiptDate: Date lineStatus: LineStatus
 acknowledgementDate: Date acknowledgementNumber: String acknowledgementFlag: YesNo yshiqty: Decimal
}`

const sdlInvoice = `type PurchaseInvoice_Operations {
 query(filter: String, orderBy: String, first: Int, after: String): PurchaseInvoice_Connection!
 read(_id: Id!): PurchaseInvoice
}
type PurchaseInvoice_Connection { edges: [PurchaseInvoice_Edge!]! pageInfo: PageInfo! totalCount: Int! }
type PurchaseInvoice_Edge { node: PurchaseInvoice! cursor: String! }
enum InvoiceType { invoice additionalInvoice creditMemo creditMemoReturn }
enum InvoiceStatus { pending toValidate validated }
type PurchaseInvoice {
 _id: Id! id: Id! _createStamp: Datetime _updateStamp: Datetime invoiceType: InvoiceType supplier: Supplier
 supplierDocumentNumber: String supplierDocumentDate: Date accountingDate: Date currency: Currency
 totalAmountExcludingTax: Decimal totalAmountIncludingTax: Decimal paymentTerm: PaymentTerm site: Site
 company: Company status: InvoiceStatus lines: PurchaseInvoiceLine_Collection!
}
type PurchaseInvoiceLine_Collection { query(first: Int, after: String): PurchaseInvoiceLine_Connection! }
type PurchaseInvoiceLine_Connection { edges: [PurchaseInvoiceLine_Edge!]! pageInfo: PageInfo! totalCount: Int! }
type PurchaseInvoiceLine_Edge { node: PurchaseInvoiceLine! cursor: String! }
type PurchaseInvoiceLine {
 _id: Id! lineNumber: Int! product: Product invoiceUnit: UnitOfMeasure quantityInInvoiceUnit: Decimal
 netPrice: Decimal lineAmountExcludingTax: Decimal purchaseOrder: String purchaseOrderLineNumber: Int
 purchaseOrderSequenceNumber: Int
}`

// sdlShipment is the shipment operation a configured site sets up on an
// inbound shipment (function GESSHIP): a node with a Create operation and
// read(_id:) to find what an earlier delivery made.
const sdlShipment = `type PurchaseShipment_Operations { read(_id: Id!): PurchaseShipment }
type PurchaseShipment_Mutations { create(data: PurchaseShipment_Input!): PurchaseShipment }
type PurchaseShipment {
 _id: Id! id: Id! supplier: Supplier receiptSite: Site shipmentDate: Date expectedDeliveryDate: Date
 carrier: String trackingNumber: String billOfLading: String lines: PurchaseShipmentLine_Collection!
}
type PurchaseShipmentLine_Collection { query(first: Int, after: String): PurchaseShipmentLine_Connection! }
type PurchaseShipmentLine_Connection { edges: [PurchaseShipmentLine_Edge!]! pageInfo: PageInfo! totalCount: Int! }
type PurchaseShipmentLine_Edge { node: PurchaseShipmentLine! cursor: String! }
type PurchaseShipmentLine {
 lineNumber: Int! purchaseOrder: String! purchaseOrderLineNumber: Int! purchaseOrderSequenceNumber: Int
 product: Product quantity: Decimal! unit: UnitOfMeasure
}
input PurchaseShipment_Input {
 id: String! supplier: String! receiptSite: String shipmentDate: Date expectedDeliveryDate: Date
 carrier: String trackingNumber: String billOfLading: String lines: [PurchaseShipmentLine_Input!]!
}
input PurchaseShipmentLine_Input {
 purchaseOrder: String! purchaseOrderLineNumber: Int! purchaseOrderSequenceNumber: Int product: String
 quantity: Decimal! unit: String
}`
