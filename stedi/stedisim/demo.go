package stedisim

// Transaction setting ids of DemoPartnership, named the way Stedi users
// often name them (release-set).
const (
	DemoSetting850 = "005010-850" // outbound purchase orders
	DemoSetting810 = "005010-810" // outbound invoices
	DemoSetting855 = "005010-855" // inbound PO acknowledgments
	DemoSetting856 = "005010-856" // inbound ship notices
	DemoSetting997 = "005010-997" // inbound functional acknowledgments of what was sent
)

// DemoPartnership returns a typical X12 005010 partnership between the
// local profile localID and the partner partnerID: mutually defined (ZZ) ISA
// qualifiers, the ids as ISA and application ids, outbound 850 and 810 and
// inbound 855, 856 and 997 transaction settings (DemoSetting850 etc.). Use ids
// of 2–15 characters: they also serve as GS02/GS03 application ids.
func DemoPartnership(localID, partnerID string) Partnership {
	return Partnership{
		LocalISAQual:   "ZZ",
		LocalISAID:     localID,
		PartnerISAQual: "ZZ",
		PartnerISAID:   partnerID,
		LocalAppID:     localID,
		PartnerAppID:   partnerID,
		TransactionSettings: map[string]TransactionSetting{
			DemoSetting850: {SetID: "850", Release: "005010", Direction: Outbound},
			DemoSetting810: {SetID: "810", Release: "005010", Direction: Outbound},
			DemoSetting855: {SetID: "855", Release: "005010", Direction: Inbound},
			DemoSetting856: {SetID: "856", Release: "005010", Direction: Inbound},
			// Stedi processes a partner's 997s only with an inbound setting for them.
			DemoSetting997: {SetID: "997", Release: "005010", Direction: Inbound},
		},
	}
}
