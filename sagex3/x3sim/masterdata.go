package x3sim

import "strings"

// Supplier is a BPSUPPLIER record with its default address (BPADDRESS)
// flattened in, plus two hints for the demo that X3 itself does not store.
type Supplier struct {
	Code         string    // BPSNUM
	Name         string    // BPSNAM
	ShortName    string    // BPSSHO
	Currency     string    // CUR
	PaymentTerms string    // PTE
	Active       bool      // ENAFLG (served as local menu 1: 2 = Yes)
	AddressCode  string    // BPAADD
	AddressLines [3]string // BPAADDLIG(0..2)
	City         string    // CTY
	State        string    // SAT
	PostalCode   string    // POSCOD
	Country      string    // CRY
	LeadDays     int       // typical days from order to receipt, drives EXTRCPDAT

	// EDI says whether this supplier is meant to trade over EDI in the demo;
	// PartnershipID is the Stedi partnership id the demo suggests for it.
	EDI           bool
	PartnershipID string
}

// Item is an article bought from one supplier.
type Item struct {
	Code         string  // ITMREF
	Description  string  // ITMDES
	Supplier     string  // BPSNUM of the usual supplier
	SupplierItem string  // ITMREFBPS, the supplier's part number
	Unit         string  // UOM: EA each, PK pack/reel/bag, BX box, CS case
	Price        float64 // list price per unit, USD
}

// The distributor the data set belongs to.
const (
	company  = "ELC"
	currency = "USD"
)

var (
	sites  = []string{"DC01", "DC02"}
	buyers = []string{"MRA", "KLT", "DPN"}
)

func newSupplier(code, name, terms string, lead int, edi bool, street, city, state, zip string) Supplier {
	return Supplier{
		Code: code, Name: name, ShortName: strings.SplitN(name, " ", 2)[0],
		Currency: currency, PaymentTerms: terms, Active: true,
		AddressCode: "MAIN", AddressLines: [3]string{street}, City: city,
		State: state, PostalCode: zip, Country: "US", LeadDays: lead,
		EDI: edi, PartnershipID: "mlc_" + strings.ToLower(code),
	}
}

// masterSuppliers returns the distributor's suppliers in key order.
func masterSuppliers() []Supplier {
	return []Supplier{
		newSupplier("AURORA", "Aurora Semiconductor Supply", "NET30", 21, true, "1200 Technology Dr", "San Jose", "CA", "95110"),
		newSupplier("BLUERIDGE", "Blue Ridge Passives Inc.", "NET30", 10, true, "45 Industrial Pkwy", "Asheville", "NC", "28806"),
		newSupplier("CASCADE", "Cascade Connectors LLC", "NET45", 14, true, "8800 SW Nimbus Ave", "Beaverton", "OR", "97008"),
		newSupplier("DELTAPWR", "Delta Power Modules Corp.", "NET30", 28, false, "310 Commerce Blvd", "Austin", "TX", "78744"),
		newSupplier("EVERGRN", "Evergreen PCB Assembly", "NET45", 18, true, "2100 Evergreen Way", "Everett", "WA", "98204"),
		newSupplier("FOXGLOVE", "Foxglove Cable & Wire", "NET30", 7, false, "77 Mill St", "Lowell", "MA", "01852"),
		newSupplier("GRANITE", "Granite Enclosures Co.", "NET60", 12, false, "19 Quarry Rd", "Barre", "VT", "05641"),
		newSupplier("HARBOR", "Harbor Optoelectronics Ltd.", "NET30", 16, true, "500 Harbor Blvd", "Long Beach", "CA", "90802"),
	}
}

// masterItems returns the articles the distributor buys, about five per
// supplier. Passive parts come on reels (PK), hardware in boxes (BX).
func masterItems() []Item {
	return []Item{
		{"MCU-32F411", "32-bit MCU Cortex-M4 100MHz LQFP64", "AURORA", "AS-32F411-LQ64", "EA", 6.85},
		{"MCU-SAMD21", "32-bit MCU Cortex-M0+ 48MHz QFN32", "AURORA", "AS-SAMD21E-QF32", "EA", 3.12},
		{"IC-LDO-33", "LDO regulator 3.3V 500mA SOT-23-5", "AURORA", "AS-LDO33-S235", "EA", 0.38},
		{"IC-OPAMP-DUAL", "Dual op-amp rail-to-rail SOIC-8", "AURORA", "AS-OPA2RR-SO8", "EA", 0.92},
		{"IC-EEPROM-256K", "EEPROM 256Kbit I2C SOIC-8", "AURORA", "AS-EE256-SO8", "EA", 0.61},
		{"IC-USB-UART", "USB to UART bridge QFN-24", "AURORA", "AS-USBUART-QF24", "EA", 2.45},
		{"RES-0603-10K", "Resistor 10k 1% 0603, reel of 5000", "BLUERIDGE", "BRP-R0603-103F", "PK", 8.40},
		{"RES-0603-1K", "Resistor 1k 1% 0603, reel of 5000", "BLUERIDGE", "BRP-R0603-102F", "PK", 8.40},
		{"CAP-0603-100N", "MLCC 100nF 50V X7R 0603, reel of 4000", "BLUERIDGE", "BRP-C0603-104K5", "PK", 12.80},
		{"CAP-1206-10U", "MLCC 10uF 25V X5R 1206, reel of 2000", "BLUERIDGE", "BRP-C1206-106K2", "PK", 38.50},
		{"IND-0805-4U7", "Inductor 4.7uH 0805, reel of 3000", "BLUERIDGE", "BRP-L0805-4R7", "PK", 46.20},
		{"FER-0603-600R", "Ferrite bead 600R 0603, reel of 4000", "BLUERIDGE", "BRP-FB0603-601", "PK", 15.60},
		{"CON-USBC-16P", "USB-C receptacle 16-pin SMT", "CASCADE", "CC-USBC16-SMT", "EA", 0.74},
		{"CON-HDR-2X20", "Pin header 2x20 2.54mm, box of 50", "CASCADE", "CC-HDR254-2X20", "BX", 21.00},
		{"CON-RJ45-MAG", "RJ45 jack with magnetics", "CASCADE", "CC-RJ45M-TH", "EA", 3.95},
		{"CON-JST-PH4", "JST PH 4-pin housing, bag of 100", "CASCADE", "CC-PH4-HSG", "PK", 6.10},
		{"CON-TERM-2P", "Terminal block 2-pos 5.08mm, box of 50", "CASCADE", "CC-TB508-2", "BX", 18.75},
		{"CON-DSUB-9F", "D-sub 9 female PCB mount", "CASCADE", "CC-DS9F-PCB", "EA", 1.35},
		{"PSU-24V-100W", "DIN-rail power supply 24V 100W", "DELTAPWR", "DPM-DR100-24", "EA", 48.90},
		{"PSU-12V-60W", "Desktop adapter 12V 5A", "DELTAPWR", "DPM-DA60-12", "EA", 17.40},
		{"DCDC-5V-3A", "DC-DC buck module 5V 3A", "DELTAPWR", "DPM-BK3A-05", "EA", 6.20},
		{"BAT-18650-3500", "Li-ion cell 18650 3500mAh, case of 40", "DELTAPWR", "DPM-LI18650-35", "CS", 142.00},
		{"FUSE-5X20-2A", "Glass fuse 5x20 2A, box of 100", "DELTAPWR", "DPM-F520-2A", "BX", 9.80},
		{"PCB-MAIN-R3", "Main controller PCB rev 3, bare", "EVERGRN", "EPA-MAIN-R3", "EA", 11.60},
		{"PCBA-SENSOR-R2", "Sensor board assembly rev 2", "EVERGRN", "EPA-SNS-R2-A", "EA", 24.30},
		{"PCBA-IO-R1", "I/O expansion board assembly rev 1", "EVERGRN", "EPA-IOX-R1-A", "EA", 31.75},
		{"PCB-PANEL-4UP", "LED panel PCB 4-up, bare", "EVERGRN", "EPA-LED4UP", "EA", 4.90},
		{"STENCIL-MAIN-R3", "SMT stencil for main PCB rev 3", "EVERGRN", "EPA-STN-MAIN-R3", "EA", 165.00},
		{"CBL-CAT6-305", "Cat6 U/UTP cable, 305m box", "FOXGLOVE", "FCW-C6U-305", "BX", 119.00},
		{"CBL-USB-AC-1M", "USB A to C cable 1m, case of 50", "FOXGLOVE", "FCW-USBAC-1M", "CS", 87.50},
		{"CBL-RIB-40-30", "Ribbon cable 40-way 30cm", "FOXGLOVE", "FCW-RIB40-30", "EA", 1.85},
		{"CBL-HOOK-22-RD", "Hook-up wire 22AWG red, 100m spool", "FOXGLOVE", "FCW-HW22-RD100", "EA", 14.20},
		{"HSK-3MM-BLK", "Heat-shrink tube 3mm black, 10m", "FOXGLOVE", "FCW-HS3-BK10", "EA", 3.40},
		{"ENC-ABS-120", "ABS enclosure 120x80x40 grey", "GRANITE", "GEC-ABS1208040", "EA", 5.60},
		{"ENC-ALU-1U", "19in 1U aluminium chassis", "GRANITE", "GEC-AL19-1U", "EA", 38.00},
		{"HW-M3-10-SS", "Screw M3x10 stainless, box of 1000", "GRANITE", "GEC-M3X10-A2", "BX", 12.40},
		{"HW-STANDOFF-M3", "Standoff M3x10 brass, bag of 100", "GRANITE", "GEC-SO-M3-10", "PK", 7.90},
		{"LBL-ASSET-1K", "Asset labels polyester, roll of 1000", "GRANITE", "GEC-LBL-PE1K", "PK", 22.00},
		{"LED-0603-GRN", "LED green 0603, reel of 4000", "HARBOR", "HOE-L0603-G", "PK", 36.00},
		{"LED-5MM-RED", "LED red 5mm through-hole, bag of 100", "HARBOR", "HOE-L5-R-100", "PK", 4.20},
		{"DSP-OLED-128", "OLED display 128x64 I2C 0.96in", "HARBOR", "HOE-OLED12864", "EA", 3.90},
		{"DSP-TFT-35", "TFT LCD 3.5in 480x320 SPI", "HARBOR", "HOE-TFT35-SPI", "EA", 14.50},
		{"OPTO-PC817", "Optocoupler, transistor output, DIP-4", "HARBOR", "HOE-OC817-DIP", "EA", 0.21},
	}
}
