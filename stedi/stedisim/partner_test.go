package stedisim

import (
	"slices"
	"testing"
	"time"
)

// delayed is a config edit with the partners' three delays.
func delayed(c *Config) {
	c.AckAfter, c.ShipAfter, c.SecondShipmentAfter = time.Hour, 24*time.Hour, 72*time.Hour
}

func TestPartnerAnswersWhenDue(t *testing.T) {
	f := setup(t, delayed)
	f.accept("4500012345", 2)
	if ids := f.due(); len(ids) != 0 {
		t.Fatalf("answers before they are due: %v", ids)
	}
	f.clock.Add(time.Hour)
	ids := f.due()
	if len(ids) != 1 {
		t.Fatalf("after AckAfter: %d transactions, want the 855", len(ids))
	}
	tx, g := f.stored(ids[0])
	r := tx.rec
	if r.Direction != dirInbound || r.Status != statusOK || r.Mode != "production" ||
		r.Partnership.PartnershipID != testPID || r.X12.Metadata.Transaction.TransactionSetIdentifier != "855" ||
		r.X12.TransactionSetting == nil || r.X12.TransactionSetting.TransactionSettingID != DemoSetting855 {
		t.Errorf("record = %+v", r)
	}
	if got := dig(t, g, "heading", "beginning_segment_for_purchase_order_acknowledgment_BAK", "purchase_order_number_03"); got != "4500012345" {
		t.Errorf("BAK03 = %v", got)
	}
	if got := dig(t, g, "heading", "beginning_segment_for_purchase_order_acknowledgment_BAK", "acknowledgment_type_02"); got != "AD" {
		t.Errorf("BAK02 = %v, want AD", got)
	}
	// The sample requests no date: the promise is a week after receipt.
	if got, want := acks(t, g), []string{"1 IA 1 2026-03-08", "2 IA 2 2026-03-08"}; !slices.Equal(got, want) {
		t.Errorf("ACKs = %q, want %q", got, want)
	}
	f.clock.Add(23 * time.Hour)
	ids = f.due()
	if len(ids) != 1 {
		t.Fatalf("after ShipAfter: %d transactions, want the 856", len(ids))
	}
	_, g = f.stored(ids[0])
	if got := shipped(t, g); got["1"] != 1 || got["2"] != 2 || len(got) != 2 {
		t.Errorf("shipped %v, want everything", got)
	}
	if got := dig(t, g, "detail", "hierarchical_level_HL_loop", "0", "hierarchical_level_HL_loop", "0",
		"purchase_order_reference_PRF", "purchase_order_number_01"); got != "4500012345" {
		t.Errorf("PRF01 = %v", got)
	}
	f.clock.Add(100 * time.Hour)
	if ids := f.due(); len(ids) != 0 {
		t.Errorf("a full shipment is followed by %d more documents", len(ids))
	}
}

func TestPartnerProfiles(t *testing.T) {
	cases := []struct {
		name    string
		profile PartnerProfile
		bak02   string
		acks    []string
		ships   []map[string]float64 // per 856, by PO101
	}{
		{"change date", PartnerProfile{Ack: AckChangeDate, Line: "2"}, "AC",
			[]string{"1 IA 1 2026-03-08", "2 DR 2 2026-03-15", "3 IA 3 2026-03-08"},
			[]map[string]float64{{"1": 1, "2": 2, "3": 3}}},
		{"change date as IC", PartnerProfile{Ack: AckChangeDate, DateStatus: "IC", DateShift: 48 * time.Hour}, "AC",
			[]string{"1 IC 1 2026-03-10", "2 IA 2 2026-03-08", "3 IA 3 2026-03-08"},
			[]map[string]float64{{"1": 1, "2": 2, "3": 3}}},
		{"change quantity", PartnerProfile{Ack: AckChangeQuantity, Line: "3"}, "AC",
			[]string{"1 IA 1 2026-03-08", "2 IA 2 2026-03-08", "3 IC 2 2026-03-08"},
			[]map[string]float64{{"1": 1, "2": 2, "3": 2}}},
		{"reject a line", PartnerProfile{Ack: AckRejectLine, Line: "2"}, "AC",
			[]string{"1 IA 1 2026-03-08", "2 IR 0 ", "3 IA 3 2026-03-08"},
			[]map[string]float64{{"1": 1, "3": 3}}},
		{"partial shipment", PartnerProfile{Ship: ShipPartial}, "AD",
			[]string{"1 IA 1 2026-03-08", "2 IA 2 2026-03-08", "3 IA 3 2026-03-08"},
			[]map[string]float64{{"1": 1, "2": 1, "3": 2}, {"2": 1, "3": 1}}},
		{"silent partner", PartnerProfile{Ack: AckNone, Ship: ShipNone}, "", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := setup(t, delayed)
			f.sim.SetPartnerProfile(testPID, c.profile)
			f.accept("PO-1", 3)
			f.clock.Add(time.Hour)
			acked := f.due()
			if c.acks == nil {
				if len(acked) != 0 {
					t.Fatalf("silent partner sent %d documents", len(acked))
				}
			} else {
				_, g := f.stored(acked[0])
				if got := dig(t, g, "heading", "beginning_segment_for_purchase_order_acknowledgment_BAK", "acknowledgment_type_02"); got != c.bak02 {
					t.Errorf("BAK02 = %v, want %s", got, c.bak02)
				}
				if got := acks(t, g); !slices.Equal(got, c.acks) {
					t.Errorf("ACKs = %q, want %q", got, c.acks)
				}
			}
			f.clock.Add(100 * time.Hour)
			ids := f.due()
			if len(ids) != len(c.ships) {
				t.Fatalf("%d shipments, want %d", len(ids), len(c.ships))
			}
			for i, id := range ids {
				_, g := f.stored(id)
				if got := shipped(t, g); !mapsEqual(got, c.ships[i]) {
					t.Errorf("856 #%d shipped %v, want %v", i+1, got, c.ships[i])
				}
			}
		})
	}
}

func TestPartnerRejectsEverything(t *testing.T) {
	f := setup(t, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ack: AckRejectLine})
	f.accept("PO-1", 1)
	ids := f.due()
	if len(ids) != 1 {
		t.Fatalf("%d documents, want an 855 and no 856", len(ids))
	}
	_, g := f.stored(ids[0])
	if got := dig(t, g, "heading", "beginning_segment_for_purchase_order_acknowledgment_BAK", "acknowledgment_type_02"); got != "RD" {
		t.Errorf("BAK02 = %v, want RD", got)
	}
}

// A replacement 850 that arrives before the partner answered makes the
// old answers stale: one 855 and one 856, both for the new revision.
func TestPartnerAnswersTheLatestRevision(t *testing.T) {
	f := setup(t, delayed)
	f.accept("PO-1", 2) // quantities 1, 2
	f.clock.Add(30 * time.Minute)
	f.accept("PO-1", 3) // quantities 1, 2, 3
	f.clock.Add(24 * time.Hour)
	ids := f.due()
	if len(ids) != 2 {
		t.Fatalf("%d documents, want one 855 and one 856", len(ids))
	}
	_, ack := f.stored(ids[0])
	if got := acks(t, ack); len(got) != 3 {
		t.Errorf("the 855 answers the old revision: %q", got)
	}
	_, asn := f.stored(ids[1])
	if got, want := shipped(t, asn), map[string]float64{"1": 1, "2": 2, "3": 3}; !mapsEqual(got, want) {
		t.Errorf("shipment = %v, want %v", got, want)
	}
}

// A replacement after a shipment ships only what is still missing.
func TestPartnerShipsWhatIsMissing(t *testing.T) {
	f := setup(t, delayed)
	f.accept("PO-1", 2)
	f.clock.Add(24 * time.Hour)
	if ids := f.due(); len(ids) != 2 {
		t.Fatalf("%d documents, want 855 and 856", len(ids))
	}
	f.accept("PO-1", 3)
	f.clock.Add(24 * time.Hour)
	ids := f.due()
	if len(ids) != 2 {
		t.Fatalf("%d documents, want 855 and 856 for the replacement", len(ids))
	}
	_, asn := f.stored(ids[1])
	if got, want := shipped(t, asn), map[string]float64{"3": 3}; !mapsEqual(got, want) {
		t.Errorf("replacement ships %v, want %v", got, want)
	}
	if got := dig(t, asn, "heading", "beginning_segment_for_ship_notice_BSN", "shipment_identification_02"); got != "PO-1-S2" {
		t.Errorf("BSN02 = %v, want PO-1-S2", got)
	}
}

func TestGS1CheckDigit(t *testing.T) {
	// GS1's example SSCC 1 0614141 123456789 7.
	if got := gs1Check("10614141123456789"); got != 7 {
		t.Errorf("check digit %d, want 7", got)
	}
	if got := sscc(123456789); got != "006141411234567890" {
		t.Errorf("sscc = %s", got)
	}
}

func mapsEqual(a, b map[string]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
