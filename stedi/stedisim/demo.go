package stedisim

// Transaction setting ids of DemoPartnership, named the way Stedi users
// often name them (release-set).
const (
	DemoSetting850 = "005010-850" // outbound purchase orders
	DemoSetting810 = "005010-810" // outbound invoices
	DemoSetting855 = "005010-855" // inbound PO acknowledgments
	DemoSetting856 = "005010-856" // inbound ship notices
	DemoSetting997 = "005010-997" // inbound functional acknowledgments of what was sent
	DemoSetting860 = "005010-860" // outbound change orders (a partner with change_set = "860")
)

// Transaction setting ids of DemoPartnership4010.
const (
	DemoSetting850v4010 = "004010-850"
	DemoSetting810v4010 = "004010-810"
	DemoSetting855v4010 = "004010-855"
	DemoSetting856v4010 = "004010-856"
	DemoSetting997v4010 = "004010-997"
	DemoSetting860v4010 = "004010-860"
)

// DemoPartnership returns a typical X12 005010 partnership between the
// local profile localID and the partner partnerID: mutually defined (ZZ) ISA
// qualifiers, the ids as ISA and application ids, outbound 850 and 810 and
// inbound 855, 856 and 997 transaction settings (DemoSetting850 etc.), and
// an outbound 860 setting for change orders. The outbound settings use the
// shipped 005010 base guides (GuideSchema). Use
// ids of 2–15 characters: they also serve as GS02/GS03 application ids.
func DemoPartnership(localID, partnerID string) Partnership {
	return demoPartnership(localID, partnerID, "005010",
		[6]string{DemoSetting850, DemoSetting810, DemoSetting855, DemoSetting856, DemoSetting997, DemoSetting860})
}

// DemoPartnership4010 is DemoPartnership for a partner on 004010 guides,
// as most retail and distribution partners are: its 850 guide is the
// shipped 004010 partner guide with variants, its 810 the 004010 base, its
// 860 a partner guide taking cancellations and changes only.
func DemoPartnership4010(localID, partnerID string) Partnership {
	return demoPartnership(localID, partnerID, "004010",
		[6]string{DemoSetting850v4010, DemoSetting810v4010, DemoSetting855v4010, DemoSetting856v4010, DemoSetting997v4010,
			DemoSetting860v4010})
}

func demoPartnership(localID, partnerID, release string, ids [6]string) Partnership {
	schema := func(set string) []byte {
		b, err := GuideSchema(set, release)
		if err != nil {
			panic(err) // the shipped files are embedded: a missing one is a build error
		}
		return b
	}
	return Partnership{
		LocalISAQual:   "ZZ",
		LocalISAID:     localID,
		PartnerISAQual: "ZZ",
		PartnerISAID:   partnerID,
		LocalAppID:     localID,
		PartnerAppID:   partnerID,
		TransactionSettings: map[string]TransactionSetting{
			ids[0]: {SetID: "850", Release: release, Direction: Outbound, Schema: schema("850")},
			ids[1]: {SetID: "810", Release: release, Direction: Outbound, Schema: schema("810")},
			ids[2]: {SetID: "855", Release: release, Direction: Inbound},
			ids[3]: {SetID: "856", Release: release, Direction: Inbound},
			ids[4]: {SetID: "997", Release: release, Direction: Inbound},
			ids[5]: {SetID: "860", Release: release, Direction: Outbound, Schema: schema("860")},
		},
	}
}
