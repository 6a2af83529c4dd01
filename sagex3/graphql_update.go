package sagex3

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
// the purchaseOrder update mutation, and returns the PO as X3 stored it.
// A column without a GraphQL mapping is refused before anything is sent.
func (c *GraphQLClient) UpdatePurchaseOrder(ctx context.Context, number string, patch map[string]any) (*core.PurchaseOrder, error) {
	op := "x3 update PO " + number + " (GraphQL)"
	if number == "" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: errors.New("empty PO number")}
	}
	data, err := graphQLUpdateData(number, patch)
	if err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Err: err}
	}
	body, err := c.post(ctx, op, gqlRequest{Query: c.updateMutation(), Variables: map[string]any{"data": data}})
	if err != nil {
		return nil, err
	}
	return c.decodeResult(op, body, "update")
}

// graphQLUpdateData translates a column patch into the mutation's data:
// the key (id) with the changed header properties, and purchaseOrderLines
// entries that name their line and carry _action "update".
func graphQLUpdateData(number string, patch map[string]any) (map[string]any, error) {
	body, err := encodePatch(patch)
	if err != nil {
		return nil, err
	}
	var columns map[string]json.RawMessage
	if err := json.Unmarshal(body, &columns); err != nil {
		return nil, fmt.Errorf("re-reading the patch: %w", err)
	}
	data := map[string]any{"id": number}
	for _, name := range slices.Sorted(maps.Keys(columns)) {
		switch {
		case strings.HasPrefix(name, "$"), name == "POHNUM":
		case name == LinesField:
			lines, err := graphQLLines(columns[name])
			if err != nil {
				return nil, err
			}
			data["purchaseOrderLines"] = lines
		default:
			if err := mapColumn(data, graphQLHeaderColumns, name, columns[name]); err != nil {
				return nil, err
			}
		}
	}
	return data, nil
}

func graphQLLines(raw json.RawMessage) ([]map[string]any, error) {
	var lines []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("%s must be an array of line objects", LinesField)
	}
	out := make([]map[string]any, 0, len(lines))
	for i, line := range lines {
		entry := map[string]any{"_action": "update"}
		for _, name := range slices.Sorted(maps.Keys(line)) {
			if strings.HasPrefix(name, "$") {
				continue
			}
			if err := mapColumn(entry, graphQLLineColumns, name, line[name]); err != nil {
				return nil, fmt.Errorf("%s[%d]: %w", LinesField, i, err)
			}
		}
		out = append(out, entry)
	}
	return out, nil
}

func mapColumn(into map[string]any, table map[string]columnMapping, column string, raw json.RawMessage) error {
	m, ok := table[column]
	if !ok {
		return fmt.Errorf("X3 column %s has no GraphQL property in this connector (see graphQLHeaderColumns/graphQLLineColumns)", column)
	}
	v, err := m.convert(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", column, err)
	}
	into[m.property] = v
	return nil
}
