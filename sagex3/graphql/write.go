package graphql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

// LinesField is the key under which Client.UpdatePurchaseOrder
// takes the lines of its column patch.
const LinesField = "PORDERQ"

// graphQLColumns names the logical fields of a write (core/x3fields.go)
// by the X3 columns the GraphQL update maps to its properties
// (update.go): the GraphQL client still speaks columns.
var graphQLColumns = map[string]string{
	core.FieldAckNumber: "OCNNUM", core.FieldAckDate: "OCNDAT", core.FieldAckNotes: "OCNREM",
	core.FieldASNNumber: "YASNNUM", core.FieldShipDate: "YSHIDAT", core.FieldCarrier: "YCARRIER",
	core.FieldTracking: "YTRACKNUM", core.FieldBillOfLading: "YBOLNUM",
	core.FieldLineAckNumber: "LINOCNNUM", core.FieldLineAckDate: "LINOCNDAT", core.FieldLineAckFlag: "LINOCNFLG",
	core.FieldQuantity: "QTYUOM", core.FieldExpectedReceipt: "EXTRCPDAT", core.FieldShippedQuantity: "YSHIQTY",
	core.FieldNetPrice: "NETPRI",
}

// WritePurchaseOrder applies a write through the purchaseOrder update
// mutation: the logical fields become the column patch UpdatePurchaseOrder
// takes, lines named by their number (GraphQL lines carry no $uuid).
func (c *Client) WritePurchaseOrder(ctx context.Context, w core.POWrite) (*core.PurchaseOrder, error) {
	patch, err := graphQLPatch(w)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: "x3 update PO " + w.PONumber + " (GraphQL)", Err: err}
	}
	return c.UpdatePurchaseOrder(ctx, w.PONumber, patch)
}

func graphQLPatch(w core.POWrite) (map[string]any, error) {
	patch := map[string]any{}
	if err := putColumns(patch, w.Header); err != nil {
		return nil, err
	}
	var lines []map[string]any
	for _, l := range w.Lines {
		m := map[string]any{"POPLIN": l.Line}
		if l.Seq != 0 {
			m["POQSEQ"] = l.Seq
		}
		if err := putColumns(m, l.Set); err != nil {
			return nil, err
		}
		lines = append(lines, m)
	}
	if len(lines) > 0 {
		patch[LinesField] = lines
	}
	return patch, nil
}

func putColumns(into, fields map[string]any) error {
	for field, v := range fields {
		col, ok := graphQLColumns[field]
		if !ok {
			return fmt.Errorf("no X3 column for the field %q", field)
		}
		into[col] = v
	}
	return nil
}

// encodePatch checks the shape of a column patch before anything is
// sent: a rejected patch is a bug on our side, not something to retry.
func encodePatch(patch map[string]any) ([]byte, error) {
	if len(patch) == 0 {
		return nil, errors.New("empty patch")
	}
	body, err := json.Marshal(patch)
	if err != nil {
		return nil, fmt.Errorf("encoding the patch: %w", err)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, fmt.Errorf("re-reading the patch: %w", err)
	}
	raw, hasLines := probe[LinesField]
	if !hasLines {
		return body, nil
	}
	var lines []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("%s must be an array of line objects", LinesField)
	}
	for i, line := range lines {
		if _, ok := line["POPLIN"]; !ok {
			return nil, fmt.Errorf("%s[%d] must name its POPLIN", LinesField, i)
		}
	}
	return body, nil
}
