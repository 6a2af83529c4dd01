package inspect

// Code lists, as the X12 element dictionary gives them (x12.md §1-§2.6,
// from the bots grammars and Stedi's X12 reference); those of the 997 and
// 999 are core's (core/fa_codes.go). A code missing here is shown without
// a meaning.
type codeList map[string]string

func (c codeList) of(code string) string { return c[code] }

// usageIndicator is ISA15.
var usageIndicator = codeList{"P": "production", "T": "test", "I": "information"}

// functionalIDs is GS01 and AK101 (479), with the set each code carries.
var functionalIDs = codeList{
	"PO": "Purchase Order (850)", "IN": "Invoice (810)", "PR": "Purchase Order Acknowledgment (855)",
	"SH": "Ship Notice/Manifest (856)", "FA": "Functional Acknowledgment (997, 999)",
	"PC": "Purchase Order Change Request - Buyer Initiated (860)", "CA": "Purchase Order Change Acknowledgment/Request - Seller Initiated (865)",
	"IB": "Inventory Inquiry/Advice (846)", "HC": "Health Care Claim (837)",
}

// purposeCodes is BEG01, BAK01, BSN01, BIG08 (353).
var purposeCodes = codeList{
	"00": "Original", "01": "Cancellation", "04": "Change", "05": "Replace", "06": "Confirmation",
	"07": "Duplicate", "14": "Advance Notification", "18": "Reissue",
}

// orderTypes is BEG02 (92).
var orderTypes = codeList{
	"SA": "Stand-alone Order", "NE": "New Order", "DS": "Dropship", "BK": "Blanket Order (Quantity Firm)",
	"BE": "Blanket Order/Estimated Quantities", "RL": "Release or Delivery Order", "RO": "Rush Order",
	"CP": "Change to Purchase Order", "KN": "Purchase Order", "SP": "Sample",
}

// invoiceTypes is BIG07 (640).
var invoiceTypes = codeList{
	"DI": "Debit Invoice", "CR": "Credit Memo", "DR": "Debit Memo", "PR": "Product (or Service)",
	"FE": "Memorandum, Final Bill",
}

// entityCodes is N101 (98).
var entityCodes = codeList{
	"ST": "Ship To", "BT": "Bill To", "BY": "Buying Party (Purchaser)", "SE": "Selling Party", "SU": "Supplier/Manufacturer",
	"VN": "Vendor", "SF": "Ship From", "RI": "Remit To", "RE": "Party to Receive Commercial Invoice Remittance",
	"II": "Issuer of Invoice",
}

// dateQualifiers is DTM01 (374).
var dateQualifiers = codeList{
	"002": "Delivery Requested", "003": "Invoice", "010": "Requested Ship", "011": "Shipped",
	"017": "Estimated Delivery", "037": "Ship Not Before", "038": "Ship No Later", "063": "Do Not Deliver After",
	"064": "Do Not Deliver Before", "067": "Current Schedule Delivery", "068": "Current Schedule Ship",
	"069": "Promised for Delivery",
}
