package x3sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// setter decodes one patched property into a record.
type setter[T any] func(row *T, raw json.RawMessage) error

// poHeaderSetters lists the PORDER header properties an $edit may change.
// Maximum lengths are given only where the table dictionary documents them.
var poHeaderSetters = map[string]setter[PO]{
	"POHTYP":     menuSetter(func(p *PO) *int { return &p.Type }, 2),
	"BPRNAM":     namesSetter(func(p *PO) *[2]string { return &p.SupplierName }),
	"RCPFCY":     textSetter(func(p *PO) *string { return &p.ReceivingSite }, 0),
	"BUY":        textSetter(func(p *PO) *string { return &p.Buyer }, 0),
	"ORDDAT":     dateSetter(func(p *PO) *string { return &p.OrderDate }),
	"EXTRCPDAT1": dateSetter(func(p *PO) *string { return &p.ExpectedReceipt }),
	"CUR":        textSetter(func(p *PO) *string { return &p.Currency }, 0),
	"PTE":        textSetter(func(p *PO) *string { return &p.PaymentTerms }, 0),
	"ORDREF":     textSetter(func(p *PO) *string { return &p.InternalRef }, 20),
	"OCNNUM":     textSetter(func(p *PO) *string { return &p.AckNumber }, 20),
	"OCNDAT":     dateSetter(func(p *PO) *string { return &p.AckDate }),
	"OCNREM":     textSetter(func(p *PO) *string { return &p.AckNotes }, 150),
	"YASNNUM":    textSetter(func(p *PO) *string { return &p.ASNNumber }, 30),
	"YSHIDAT":    dateSetter(func(p *PO) *string { return &p.ShipDate }),
	"YCARRIER":   textSetter(func(p *PO) *string { return &p.Carrier }, 20),
	"YTRACKNUM":  textSetter(func(p *PO) *string { return &p.Tracking }, 50),
	"YBOLNUM":    textSetter(func(p *PO) *string { return &p.BillOfLading }, 50),
}

// poLineSetters lists the line properties an $edit may change.
var poLineSetters = map[string]setter[POLine]{
	"ITMDES":    textSetter(func(l *POLine) *string { return &l.Description }, 0),
	"ITMREFBPS": textSetter(func(l *POLine) *string { return &l.SupplierItem }, 20),
	"UOM":       textSetter(func(l *POLine) *string { return &l.Unit }, 0),
	"QTYUOM":    numberSetter(func(l *POLine) *float64 { return &l.Quantity }, false),
	"GROPRI":    numberSetter(func(l *POLine) *float64 { return &l.GrossPrice }, true),
	"NETPRI":    numberSetter(func(l *POLine) *float64 { return &l.NetPrice }, true),
	"EXTRCPDAT": dateSetter(func(l *POLine) *string { return &l.ExpectedReceipt }),
	"LINSTA":    menuSetter(func(l *POLine) *int { return &l.Status }, 3),
	"LINOCNDAT": dateSetter(func(l *POLine) *string { return &l.AckDate }),
	"LINOCNNUM": textSetter(func(l *POLine) *string { return &l.AckNumber }, 20),
	"LINOCNFLG": menuSetter(func(l *POLine) *int { return &l.AckFlag }, 2),
	"YSHIQTY":   numberSetter(func(l *POLine) *float64 { return &l.ShippedQuantity }, true),
}

// Properties X3 computes or keys on: an $edit may not change them.
var (
	poHeaderReadOnly = []string{"POHNUM", "BPSNUM", "CPY", "POHFCY", "TOTORD", "CREDATTIM", "UPDDATTIM", "UPDUSR"}
	poLineReadOnly   = []string{"ITMREF", "LINAMT"}
)

// applyPOPatch merges a partial PORDER body into p. Properties starting
// with "$" are internal (the docs say to ignore them) and are skipped, so a
// client may send back what it read. Lines are merged by POPLIN.
func applyPOPatch(p *PO, patch map[string]json.RawMessage) error {
	for _, name := range slices.Sorted(maps.Keys(patch)) {
		raw := patch[name]
		var err error
		switch {
		case strings.HasPrefix(name, "$"):
		case name == "POHNUM":
			err = requireUnchanged(raw, p.Number)
		case name == LinesField:
			err = applyLinePatches(p, raw)
		case slices.Contains(poHeaderReadOnly, name):
			err = errors.New("cannot be modified")
		default:
			err = applyField(p, poHeaderSetters, name, raw)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func applyLinePatches(p *PO, raw json.RawMessage) error {
	var patches []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &patches); err != nil {
		return errors.New("must be an array of line objects")
	}
	for i, lp := range patches {
		if err := applyLinePatch(p, lp); err != nil {
			return fmt.Errorf("[%d] %w", i, err)
		}
	}
	return nil
}

// applyLinePatch finds the line named by POPLIN (and POQSEQ when given)
// and merges the other properties into it.
func applyLinePatch(p *PO, patch map[string]json.RawMessage) error {
	var poplin, poqseq int
	if err := json.Unmarshal(patch["POPLIN"], &poplin); err != nil || poplin == 0 {
		return errors.New("every line must name its POPLIN")
	}
	if raw, ok := patch["POQSEQ"]; ok {
		if err := json.Unmarshal(raw, &poqseq); err != nil {
			return errors.New("POQSEQ must be an integer")
		}
	}
	i := slices.IndexFunc(p.Lines, func(l POLine) bool {
		return l.Line == poplin && (poqseq == 0 || l.Seq == poqseq)
	})
	if i < 0 {
		return fmt.Errorf("line POPLIN %d does not exist on %s", poplin, p.Number)
	}
	for _, name := range slices.Sorted(maps.Keys(patch)) {
		var err error
		switch {
		case strings.HasPrefix(name, "$"), name == "POPLIN", name == "POQSEQ":
		case slices.Contains(poLineReadOnly, name):
			err = errors.New("cannot be modified")
		default:
			err = applyField(&p.Lines[i], poLineSetters, name, patch[name])
		}
		if err != nil {
			return fmt.Errorf("POPLIN %d %s: %w", poplin, name, err)
		}
	}
	return nil
}

func applyField[T any](row *T, setters map[string]setter[T], name string, raw json.RawMessage) error {
	set, ok := setters[name]
	if !ok {
		return errors.New("unknown property")
	}
	return set(row, raw)
}

func requireUnchanged(raw json.RawMessage, current string) error {
	var v string
	if err := json.Unmarshal(raw, &v); err != nil || v != current {
		return errors.New("the key cannot be modified")
	}
	return nil
}

func textSetter[T any](at func(*T) *string, maxLen int) setter[T] {
	return func(row *T, raw json.RawMessage) error {
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return errors.New("must be a string")
		}
		if maxLen > 0 && len([]rune(v)) > maxLen {
			return fmt.Errorf("longer than %d characters", maxLen)
		}
		*at(row) = v
		return nil
	}
}

// dateSetter accepts "YYYY-MM-DD", or "" to clear the date.
func dateSetter[T any](at func(*T) *string) setter[T] {
	return func(row *T, raw json.RawMessage) error {
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			return errors.New("must be a date string YYYY-MM-DD")
		}
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			return fmt.Errorf("invalid date %q, expected YYYY-MM-DD", v)
		}
		*at(row) = v
		return nil
	}
}

// menuSetter accepts a local-menu value 1..max.
func menuSetter[T any](at func(*T) *int, max int) setter[T] {
	return func(row *T, raw json.RawMessage) error {
		var v int
		if err := json.Unmarshal(raw, &v); err != nil || v < 1 || v > max {
			return fmt.Errorf("must be a local menu value from 1 to %d", max)
		}
		*at(row) = v
		return nil
	}
}

func numberSetter[T any](at func(*T) *float64, zeroAllowed bool) setter[T] {
	return func(row *T, raw json.RawMessage) error {
		var v float64
		if err := json.Unmarshal(raw, &v); err != nil {
			return errors.New("must be a number")
		}
		if v < 0 || (v == 0 && !zeroAllowed) {
			return errors.New("must be positive")
		}
		*at(row) = v
		return nil
	}
}

func namesSetter[T any](at func(*T) *[2]string) setter[T] {
	return func(row *T, raw json.RawMessage) error {
		var v []string
		if err := json.Unmarshal(raw, &v); err != nil || len(v) > 2 {
			return errors.New("must be an array of at most 2 strings")
		}
		var names [2]string
		copy(names[:], v)
		*at(row) = names
		return nil
	}
}
