package x3sim

import "fmt"

// gqlSchema lists, per object type, its fields and their types; a field
// whose type is not in the map is a scalar (or enum, or list of scalars).
// Requests are validated against it before anything runs, so a mutation
// whose answer asks for an unknown field changes nothing, as in GraphQL.
//
// The property names follow Sage's documented ones where they exist
// (docs/sagex3-api.md §2.5, §2.7) and plausible camelCase names of the X3
// columns elsewhere (Sage documents no purchase-invoice node at all:
// purchaseInvoice and its properties are ours); the package roots accept
// both the current x3Purchasing and the 2021–2022 xtremX3Purchasing.
var gqlSchema = map[string]map[string]string{
	"sageQuery":    {"x3Purchasing": "X3Purchasing", "xtremX3Purchasing": "X3Purchasing"},
	"sageMutation": {"x3Purchasing": "X3PurchasingMutation", "xtremX3Purchasing": "X3PurchasingMutation"},

	"X3Purchasing":            {"purchaseOrder": "PurchaseOrder_Operations", "purchaseInvoice": "PurchaseInvoice_Operations"},
	"X3PurchasingMutation":    {"purchaseOrder": "PurchaseOrder_Mutations"},
	"PurchaseOrder_Mutations": {"update": "PurchaseOrder"},
	"PurchaseOrder_Operations": {
		"query": "PurchaseOrder_Connection", "read": "PurchaseOrder",
	},
	"PurchaseOrder_Connection": {"edges": "PurchaseOrder_Edge", "pageInfo": "PageInfo", "totalCount": "Int"},
	"PurchaseOrder_Edge":       {"node": "PurchaseOrder", "cursor": "String"},
	"PageInfo": {"endCursor": "String", "hasNextPage": "Boolean", "startCursor": "String",
		"hasPreviousPage": "Boolean"},

	"PurchaseOrder": {
		"_id": "Id", "id": "String", "_createStamp": "Datetime", "_updateStamp": "Datetime",
		"orderDate": "Date", "expectedReceiptDate": "Date", "internalOrderReference": "String",
		"taxExcludedTotalAmount": "Decimal", "orderFromSupplier": "Supplier",
		"orderFromSupplierCompanyNames": "[String]", "company": "Company", "purchaseSite": "Site",
		"receiptSite": "Site", "buyer": "User", "currency": "Currency", "paymentTerm": "PaymentTerm",
		"acknowledgementNumber": "String", "acknowledgementDate": "Date", "acknowledgementNotes": "String",
		"acknowledgementReminder": "Enum", "isClosed": "Enum",
		"yAsnNumber": "String", "yShipDate": "Date", "yCarrier": "String", "yTrackingNumber": "String",
		"yBillOfLadingNumber": "String",
		"purchaseOrderLines":  "PurchaseOrderLine_Collection",
	},
	"PurchaseOrderLine_Collection": {"query": "PurchaseOrderLine_Connection"},
	"PurchaseOrderLine_Connection": {"edges": "PurchaseOrderLine_Edge", "pageInfo": "PageInfo", "totalCount": "Int"},
	"PurchaseOrderLine_Edge":       {"node": "PurchaseOrderLine", "cursor": "String"},
	"PurchaseOrderLine": {
		"_id": "Id", "lineNumber": "Int", "sequenceNumber": "Int", "product": "Product",
		"supplierProduct": "String", "orderUnit": "UnitOfMeasure", "quantityInOrderUnitOrdered": "Decimal",
		"grossPrice": "Decimal", "netPrice": "Decimal", "lineAmount": "Decimal",
		"expectedReceiptDate": "Date", "lineStatus": "Enum", "acknowledgementDate": "Date",
		"acknowledgementNumber": "String", "acknowledgementFlag": "Enum", "yShippedQuantity": "Decimal",
	},
	"PurchaseInvoice_Operations": {"query": "PurchaseInvoice_Connection", "read": "PurchaseInvoice"},
	"PurchaseInvoice_Connection": {"edges": "PurchaseInvoice_Edge", "pageInfo": "PageInfo", "totalCount": "Int"},
	"PurchaseInvoice_Edge":       {"node": "PurchaseInvoice", "cursor": "String"},
	"PurchaseInvoice": {
		"_id": "Id", "id": "String", "_createStamp": "Datetime", "_updateStamp": "Datetime",
		"invoiceType": "Enum", "supplier": "Supplier", "supplierDocumentNumber": "String",
		"supplierDocumentDate": "Date", "accountingDate": "Date", "currency": "Currency",
		"totalAmountExcludingTax": "Decimal", "totalAmountIncludingTax": "Decimal", "paymentTerm": "PaymentTerm",
		"site": "Site", "company": "Company", "status": "Enum", "lines": "PurchaseInvoiceLine_Collection",
	},
	"PurchaseInvoiceLine_Collection": {"query": "PurchaseInvoiceLine_Connection"},
	"PurchaseInvoiceLine_Connection": {"edges": "PurchaseInvoiceLine_Edge", "pageInfo": "PageInfo", "totalCount": "Int"},
	"PurchaseInvoiceLine_Edge":       {"node": "PurchaseInvoiceLine", "cursor": "String"},
	"PurchaseInvoiceLine": {
		"_id": "Id", "lineNumber": "Int", "product": "Product", "invoiceUnit": "UnitOfMeasure",
		"quantityInInvoiceUnit": "Decimal", "netPrice": "Decimal", "lineAmountExcludingTax": "Decimal",
		"purchaseOrder": "String", "purchaseOrderLineNumber": "Int", "purchaseOrderSequenceNumber": "Int",
	},
	"Supplier":        {"code": "BusinessPartner", "companyName1": "String"},
	"BusinessPartner": {"code": "String"},
	"Company":         {"code": "String"},
	"Site":            {"code": "String", "name": "String"},
	"User":            {"code": "String"},
	"Currency":        {"code": "String"},
	"PaymentTerm":     {"code": "String"},
	"Product":         {"code": "String", "description1": "String"},
	"UnitOfMeasure":   {"code": "String"},
}

// validateSelections checks every field against the schema, the way a
// GraphQL server validates a document before executing it.
func validateSelections(typeName string, fields []gqlField) error {
	for _, f := range fields {
		if f.name == "__typename" {
			continue
		}
		fieldType, ok := gqlSchema[typeName][f.name]
		if !ok {
			return fmt.Errorf("Cannot query field %q on type %q.", f.name, typeName)
		}
		_, object := gqlSchema[fieldType]
		switch {
		case object && f.selections == nil:
			return fmt.Errorf("Field %q of type %q must have a selection of subfields.", f.name, fieldType)
		case !object && f.selections != nil:
			return fmt.Errorf("Field %q must not have a selection since type %q has no subfields.", f.name, fieldType)
		case object:
			if err := validateSelections(fieldType, f.selections); err != nil {
				return err
			}
		}
	}
	return nil
}
