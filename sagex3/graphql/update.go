package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

// UpdatePurchaseOrder applies the same patch the api1 client takes (X3
// column names; lines under LinesField, each naming its POPLIN) through
// the site's acknowledgment operation (x3.graphql.ack_operation on the
// purchase order node), and returns the PO as X3 stored it. A site
// without that operation is refused before anything is sent, with the
// setup step that adds it (core.Error code SetupMissingCode).
func (c *Client) UpdatePurchaseOrder(ctx context.Context, number string, patch map[string]any) (*core.PurchaseOrder, error) {
	op := "x3 update PO " + number + " (GraphQL)"
	if number == "" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: errors.New("empty PO number")}
	}
	v, err := c.ready(ctx, op, core.CapWrite855)
	if err != nil {
		return nil, err
	}
	w := ackWriter{c: c, views: []*gqlView{v, c.view(core.CapRecord856)}}
	data, err := w.data(number, patch)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Code: w.code, Err: w.wrap(err)}
	}
	sel, err := c.orderSelection(ctx, op)
	if err != nil {
		return nil, err
	}
	mutation := `mutation($data: ` + v.input + `!) { ` + c.root + ` { ` + c.names.Order + ` { ` +
		c.names.AckOperation + `(data: $data) { ` + sel + ` } } } }`
	body, err := c.post(ctx, op, gqlRequest{Query: mutation, Variables: map[string]any{"data": data}})
	if err != nil {
		return nil, err
	}
	return c.decodeResult(op, body, c.names.AckOperation)
}

// droppable are the columns an acknowledgment may leave out when the site
// lacks their property (reported once by discovery): they record the
// acknowledgment, they change no business data.
var droppable = map[string]bool{"PORDER.OCNDAT": true, "PORDER.OCNREM": true, "PORDERQ.POQSEQ": true,
	"PORDERQ.LINOCNNUM": true, "PORDERQ.LINOCNDAT": true}

// Columns whose values travel as enums: local menu 1 (yes/no) and LINSTA.
var menuColumns = map[string][]string{"PORDER.OCNFLG": yesNoValues, "PORDERQ.LINOCNFLG": yesNoValues,
	"PORDERQ.LINSTA": lineStatusValues}

// ackWriter turns a column patch into the operation's data, by the
// configured names and what discovery found.
type ackWriter struct {
	c     *Client
	views []*gqlView
	code  string // SetupMissingCode when a property is missing
}

func (w *ackWriter) wrap(err error) error {
	if w.code != "" {
		return fmt.Errorf("%w: %w", ErrSetupMissing, err)
	}
	return err
}

// data is the key (id) with the changed header properties, and line
// entries that name their line and carry _action "update".
func (w *ackWriter) data(number string, patch map[string]any) (map[string]any, error) {
	body, err := encodePatch(patch)
	if err != nil {
		return nil, err
	}
	var columns map[string]json.RawMessage
	if err := json.Unmarshal(body, &columns); err != nil {
		return nil, fmt.Errorf("re-reading the patch: %w", err)
	}
	data := map[string]any{firstSegment(w.c.names.Properties["PORDER.POHNUM"]): number}
	for _, name := range slices.Sorted(maps.Keys(columns)) {
		switch {
		case strings.HasPrefix(name, "$"), name == "POHNUM":
		case name == LinesField:
			lines, err := w.lines(columns[name])
			if err != nil {
				return nil, err
			}
			data[w.c.names.OrderLines] = lines
		default:
			if err := w.put(data, "PORDER."+name, columns[name]); err != nil {
				return nil, err
			}
		}
	}
	return data, nil
}

func (w *ackWriter) lines(raw json.RawMessage) ([]map[string]any, error) {
	var lines []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("%s must be an array of line objects", LinesField)
	}
	out := make([]map[string]any, 0, len(lines))
	for i, line := range lines {
		if _, ok := line["POPLIN"]; !ok {
			return nil, fmt.Errorf("%s[%d] names no POPLIN", LinesField, i)
		}
		entry := map[string]any{"_action": "update"} // 3P: X3 Builder code updates lines so
		for _, name := range slices.Sorted(maps.Keys(line)) {
			if strings.HasPrefix(name, "$") {
				continue
			}
			if err := w.put(entry, "PORDERQ."+name, line[name]); err != nil {
				return nil, fmt.Errorf("%s[%d]: %w", LinesField, i, err)
			}
		}
		out = append(out, entry)
	}
	return out, nil
}

// put sets one column's property. A column discovery found missing is
// left out when droppable and refused otherwise, naming the fix.
func (w *ackWriter) put(into map[string]any, key string, raw json.RawMessage) error {
	path, known := w.c.names.Properties[key]
	if !known {
		return fmt.Errorf("X3 column %s has no GraphQL property in this connector (x3.graphql.properties)", key)
	}
	if present, checked := w.lookup(key); checked && !present {
		if droppable[key] {
			return nil
		}
		w.code = SetupMissingCode
		return fmt.Errorf("the acknowledgment operation has no property %s for %s (fix: %s)", path, key, fixAckOperation(key))
	}
	v := any(raw)
	if names, ok := menuColumns[key]; ok {
		e, err := menuToEnum(raw, names)
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		v = e
	}
	into[firstSegment(path)] = v
	return nil
}

// lookup says whether a discovery looked for the property, and found it.
func (w *ackWriter) lookup(key string) (present, checked bool) {
	for _, v := range w.views {
		if v != nil && v.checked["ack:"+key] {
			checked = true
			present = present || v.present["ack:"+key]
		}
	}
	return present, checked
}

func firstSegment(path string) string {
	s, _, _ := strings.Cut(path, ".")
	return s
}
