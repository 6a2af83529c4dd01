package inspect

// Code lists, as the X12 element dictionary gives them. Sources: x12.md
// §1-§2.6 (from the bots grammars and Stedi's X12 reference), and for the
// acknowledgment codes Stedi's element pages (stedi.com/edi/x12-004010/
// element/715, 716, 717, 718, 720, 723; x12-005010/element/620, 621 for the
// 999's IK3/IK4). A code missing here is shown without a meaning.
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

// groupAckCodes is AK901 (715).
var groupAckCodes = codeList{
	"A": "Accepted", "E": "Accepted, But Errors Were Noted", "M": "Rejected, Message Authentication Code (MAC) Failed",
	"P": "Partially Accepted, At Least One Transaction Set Was Rejected", "R": "Rejected",
	"W": "Rejected, Assurance Failed Validity Tests", "X": "Rejected, Content After Decryption Could Not Be Analyzed",
}

// setAckCodes is AK501 and IK501 (717).
var setAckCodes = codeList{
	"A": "Accepted", "E": "Accepted But Errors Were Noted", "M": "Rejected, Message Authentication Code (MAC) Failed",
	"R": "Rejected", "W": "Rejected, Assurance Failed Validity Tests", "X": "Rejected, Content After Decryption Could Not Be Analyzed",
}

// groupErrorCodes is AK905-AK909 (716).
var groupErrorCodes = codeList{
	"1": "Functional Group Not Supported", "2": "Functional Group Version Not Supported", "3": "Functional Group Trailer Missing",
	"4": "Group Control Number in the Functional Group Header and Trailer Do Not Agree",
	"5": "Number of Included Transaction Sets Does Not Match Actual Count", "6": "Group Control Number Violates Syntax",
	"10": "Authentication Key Name Unknown", "11": "Encryption Key Name Unknown",
	"12": "Requested Service (Authentication or Encryption) Not Available", "13": "Unknown Security Recipient",
	"14": "Unknown Security Originator", "15": "Syntax Error in Decrypted Text", "16": "Security Not Supported",
	"17": "Incorrect Message Length (Encryption Only)", "18": "Message Authentication Code Failed",
	"19": "Functional Group Control Number not Unique within Interchange",
}

// setErrorCodes is AK502-AK506 and IK502-IK506 (718).
var setErrorCodes = codeList{
	"1": "Transaction Set Not Supported", "2": "Transaction Set Trailer Missing",
	"3": "Transaction Set Control Number in Header and Trailer Do Not Match",
	"4": "Number of Included Segments Does Not Match Actual Count", "5": "One or More Segments in Error",
	"6": "Missing or Invalid Transaction Set Identifier", "7": "Missing or Invalid Transaction Set Control Number",
	"8": "Authentication Key Name Unknown", "9": "Encryption Key Name Unknown",
	"10": "Requested Service (Authentication or Encrypted) Not Available", "11": "Unknown Security Recipient",
	"12": "Incorrect Message Length (Encryption Only)", "13": "Message Authentication Code Failed",
	"15": "Unknown Security Originator", "16": "Syntax Error in Decrypted Text", "17": "Security Not Supported",
	"18": "Transaction Set not in Functional Group", "19": "Invalid Transaction Set Implementation Convention Reference",
	"23": "Transaction Set Control Number Not Unique within the Functional Group",
	"I5": "Implementation One or More Segments in Error", "I6": "Implementation Convention Not Supported",
}

// segmentErrorCodes is AK304 (720) and IK304 (620, which adds the I codes).
var segmentErrorCodes = codeList{
	"1": "Unrecognized segment ID", "2": "Unexpected segment", "3": "Mandatory segment missing",
	"4": "Loop Occurs Over Maximum Times", "5": "Segment Exceeds Maximum Use", "6": "Segment Not in Defined Transaction Set",
	"7": "Segment Not in Proper Sequence", "8": "Segment Has Data Element Errors",
	"I4": `Implementation "Not Used" Segment Present`, "I6": "Implementation Dependent Segment Missing",
	"I7": "Implementation Loop Occurs Under Minimum Times", "I8": "Implementation Segment Below Minimum Use",
	"I9": `Implementation Dependent "Not Used" Segment Present`,
}

// elementErrorCodes is AK403 (723) and IK403 (621, which adds the I codes).
var elementErrorCodes = codeList{
	"1": "Mandatory data element missing", "2": "Conditional required data element missing", "3": "Too many data elements",
	"4": "Data element too short", "5": "Data element too long", "6": "Invalid character in data element",
	"7": "Invalid code value", "8": "Invalid Date", "9": "Invalid Time", "10": "Exclusion Condition Violated",
	"12": "Too Many Repetitions", "13": "Too Many Components",
	"I6": "Code Value Not Used in Implementation", "I9": "Implementation Dependent Data Element Missing",
	"I10": `Implementation "Not Used" Data Element Present`, "I11": "Implementation Too Few Repetitions",
	"I12": "Implementation Pattern Match Failure", "I13": `Implementation Dependent "Not Used" Data Element Present`,
}
