package x3gql

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// gqlColumn maps one property of PurchaseOrder_Input (or of a line in it)
// to the X3 column it writes; enums carry the local menu they encode.
type gqlColumn struct {
	column string
	menu   []string // non-nil: an enum written as its 1-based menu value
}

var gqlHeaderInput = map[string]gqlColumn{
	"acknowledgementNumber":   {column: "OCNNUM"},
	"acknowledgementDate":     {column: "OCNDAT"},
	"acknowledgementNotes":    {column: "OCNREM"},
	"expectedReceiptDate":     {column: "EXTRCPDAT1"},
	"internalOrderReference":  {column: "ORDREF"},
	"acknowledgementReminder": {column: "OCNFLG", menu: gqlYesNo},
	"yasnnum":                 {column: "YASNNUM"},
	"yshidat":                 {column: "YSHIDAT"},
	"ycarrier":                {column: "YCARRIER"},
	"ytracknum":               {column: "YTRACKNUM"},
	"ybolnum":                 {column: "YBOLNUM"},
}

var gqlLineInput = map[string]gqlColumn{
	"lineNumber":                 {column: "POPLIN"},
	"sequenceNumber":             {column: "POQSEQ"},
	"quantityInOrderUnitOrdered": {column: "QTYUOM"},
	"grossPrice":                 {column: "GROPRI"},
	"netPrice":                   {column: "NETPRI"},
	"expectedReceiptDate":        {column: "EXTRCPDAT"},
	"lineStatus":                 {column: "LINSTA", menu: gqlLineStatus},
	"acknowledgementDate":        {column: "LINOCNDAT"},
	"acknowledgementNumber":      {column: "LINOCNNUM"},
	"acknowledgementFlag":        {column: "LINOCNFLG", menu: gqlYesNo},
	"yshiqty":                    {column: "YSHIQTY"},
}

// gqlPOMutations resolves the acknowledgment operation of a configured
// site: purchaseOrder.update(data: {...}), the key (id or _id) with the
// changed properties, and line entries with _action "update" naming their
// lineNumber. It runs as the api1 $edit of the equivalent column patch, so
// both APIs share one set of business rules, and it is recorded in
// Writes() as that patch.
type gqlPOMutations struct {
	s     *x3sim.Server
	lines string // the PO's line collection name (x3sim.GraphQLNames)
}

func (m *gqlPOMutations) Update(ctx context.Context, args gqlDataArgs) (*gqlPO, error) {
	number, patch, err := columnPatch(args.Data, m.lines)
	if err != nil {
		return nil, &gqlFieldError{message: err.Error()}
	}
	body, err := json.Marshal(patch)
	if err != nil {
		return nil, &gqlFieldError{message: "data cannot be encoded"}
	}
	updated, apiErr := m.s.ApplyEdit(number, body, gqlUser(ctx))
	if apiErr != nil {
		return nil, fieldErrorOf(apiErr)
	}
	return &gqlPO{p: updated, s: m.s}, nil
}

// columnPatch translates the mutation's data into an api1 column patch.
func columnPatch(data map[string]any, linesName string) (string, map[string]any, error) {
	number, _ := data["id"].(string)
	if number == "" {
		number, _ = data["_id"].(string)
	}
	if number == "" {
		return "", nil, fmt.Errorf("data must name the purchase order (id)")
	}
	patch := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(data)) {
		switch v := data[name]; {
		case name == "id" || name == "_id":
		case name == linesName:
			lines, err := lineColumnPatches(v)
			if err != nil {
				return "", nil, err
			}
			patch[x3sim.LinesField] = lines
		default:
			if err := putColumn(patch, gqlHeaderInput, "PurchaseOrder_Input", name, v); err != nil {
				return "", nil, err
			}
		}
	}
	return number, patch, nil
}

func lineColumnPatches(v any) ([]map[string]any, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("purchaseOrderLines must be a list")
	}
	out := make([]map[string]any, 0, len(list))
	for i, item := range list {
		line, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("purchaseOrderLines[%d] must be an object", i)
		}
		if action, _ := line["_action"].(string); action != "update" {
			return nil, fmt.Errorf("line %d: only _action \"update\" of an existing line is supported", i)
		}
		patch := map[string]any{}
		for _, name := range slices.Sorted(maps.Keys(line)) {
			if name == "_action" {
				continue
			}
			if name == "_id" {
				if err := putLineKey(patch, line[name]); err != nil {
					return nil, fmt.Errorf("line %d: %w", i, err)
				}
				continue
			}
			if err := putColumn(patch, gqlLineInput, "PurchaseOrderLine_Input", name, line[name]); err != nil {
				return nil, fmt.Errorf("line %d: %w", i, err)
			}
		}
		out = append(out, patch)
	}
	return out, nil
}

func putColumn(patch map[string]any, table map[string]gqlColumn, typeName, name string, v any) error {
	in, ok := table[name]
	if !ok {
		return fmt.Errorf("Field %q is not defined by type %q.", name, typeName)
	}
	if in.menu == nil {
		patch[in.column] = v
		return nil
	}
	s, _ := v.(string)
	i := slices.IndexFunc(in.menu, func(n string) bool { return strings.EqualFold(n, s) })
	if i < 0 {
		return fmt.Errorf("%s must be one of %s", name, strings.Join(in.menu, ", "))
	}
	patch[in.column] = i + 1
	return nil
}

// putLineKey reads a line's _id (as gqlPOLine serves it: PO|line|sequence)
// into the line key columns.
func putLineKey(patch map[string]any, v any) error {
	id, _ := v.(string)
	parts := strings.Split(id, "|")
	if len(parts) != 3 {
		return fmt.Errorf("_id %q is not a purchase order line", id)
	}
	line, err1 := strconv.Atoi(parts[1])
	seq, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil {
		return fmt.Errorf("_id %q is not a purchase order line", id)
	}
	patch["POPLIN"], patch["POQSEQ"] = line, seq
	return nil
}
