package core

// Partner links an X3 supplier to its Stedi partnership and to the outbound
// transaction setting of each set it receives.
type Partner struct {
	Supplier            string          // X3 BPSNUM
	PartnershipID       string          // Stedi partnership id
	TransactionSettings map[Kind]string // set → Stedi outbound transaction setting id
	SupplierIDQualifier string          // N103 for the supplier party, default 92 (assigned by buyer)
	SupplierIDOverride  string          // N104 if the partner wants an id other than BPSNUM
	// RequireSupplierPart makes the preflight refuse lines without the
	// supplier's part number (ITMREFBPS), for partners who match on it.
	RequireSupplierPart bool
	// Release is the X12 release of the partner's guides (release.go);
	// Releases overrides it per outbound set.
	Release  Release
	Releases map[Kind]Release
	// Guides are the JSON Schemas of the partner's Stedi guides, per
	// outbound set (guide.go): documents are shaped and checked by them.
	Guides map[Kind]Guide
	// Test puts the partner in test mode: its documents go out as test
	// interchanges (ISA15 T) and are counted apart from production ones.
	Test bool
	// ChangeSet is the set a PO's revisions after the first go out as:
	// Kind850 (the default: a replacement or cancellation 850) or Kind860
	// (change orders, through TransactionSettings[Kind860]).
	ChangeSet Kind
}

// changeOrders reports whether the partner takes a PO's later revisions as 860s.
func (p Partner) changeOrders() bool {
	return p.ChangeSet == Kind860 && p.TransactionSettings[Kind860] != ""
}

// Partners indexes partners by X3 supplier code.
type Partners map[string]Partner

// Lookup returns the partner for supplier and the transaction setting of
// kind, or ok=false when the supplier does not trade that set over EDI.
func (ps Partners) Lookup(supplier string, kind Kind) (Partner, string, bool) {
	p, ok := ps[supplier]
	if !ok {
		return Partner{}, "", false
	}
	ts, ok := p.TransactionSettings[kind]
	return p, ts, ok && ts != ""
}

// Party is a name and address as it appears in an N1 loop.
type Party struct {
	Name        string
	IDQualifier string // N103
	ID          string // N104
	Address1    string
	Address2    string
	City        string
	State       string
	PostalCode  string
	Country     string
}

// MapConfig holds what the mapping needs beyond the X3 record itself.
type MapConfig struct {
	Buyer Party            // our company, N1*BY
	Sites map[string]Party // X3 receiving site (RCPFCY) → ship-to party, N1*ST
	Units map[string]string
	// BuyerContacts maps an X3 buyer code (BUY) to a contact name for PER*BD.
	BuyerContacts map[string]string
}

// DefaultUnits maps common X3 units to X12 unit codes (element 355).
var DefaultUnits = map[string]string{
	"UN": "EA", "EA": "EA", "PCE": "PC", "PC": "PC",
	"CS": "CA", "CA": "CA", "CAR": "CT", "CT": "CT",
	"BX": "BX", "BOX": "BX", "PK": "PK", "PAC": "PK",
	"DZ": "DZ", "PR": "PR", "PAL": "PL", "PL": "PL",
	"KG": "KG", "LB": "LB", "M": "MR", "L": "LT",
}

// Unit returns the X12 unit for an X3 unit, or "" when unknown.
func (mc MapConfig) Unit(x3 string) string {
	if u, ok := mc.Units[x3]; ok {
		return u
	}
	return DefaultUnits[x3]
}

// supplierOf returns the one supplier trading through a partnership.
func (ps Partners) supplierOf(partnershipID string) (string, bool) {
	found := ""
	for supplier, p := range ps {
		if p.PartnershipID != partnershipID || partnershipID == "" {
			continue
		}
		if found != "" {
			return "", false
		}
		found = supplier
	}
	return found, found != ""
}
