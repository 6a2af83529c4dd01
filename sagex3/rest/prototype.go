package rest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/mlconnector/ml-connector/core"
)

// prototype is what $prototypes('{REP}.{facet}') says a representation's
// facet has: its properties, and for each child collection the properties
// of its lines (V7DEV integration guide: "Prototype and metadata").
type prototype struct {
	props       map[string]protoProp
	collections map[string]*prototype
}

type protoProp struct {
	Type      string `json:"$type"`
	MaxLength int    `json:"$maxLength"`
	Mandatory bool   `json:"$isMandatory"`
}

// prototypeJSON is a prototype on the wire: "$properties" by name.
//
// UNCONFIRMED: the docs show a prototype's $properties with $type,
// $isMandatory and $maxLength, not how a child collection appears in it.
// We read an array property ("$type": "application/x-array") whose "$item"
// holds the lines' own "$properties", and also take any property holding
// "$properties" directly as a collection.
type prototypeJSON struct {
	Properties map[string]json.RawMessage `json:"$properties"`
}

type protoPropJSON struct {
	protoProp
	Item       *prototypeJSON             `json:"$item"`
	Properties map[string]json.RawMessage `json:"$properties"`
}

func parsePrototype(body []byte) (*prototype, error) {
	var pj prototypeJSON
	if err := json.Unmarshal(body, &pj); err != nil {
		return nil, fmt.Errorf("decoding the prototype: %w", err)
	}
	if pj.Properties == nil {
		return nil, errors.New("the prototype has no $properties")
	}
	return pj.build()
}

func (pj prototypeJSON) build() (*prototype, error) {
	p := &prototype{props: map[string]protoProp{}, collections: map[string]*prototype{}}
	for name, raw := range pj.Properties {
		var pp protoPropJSON
		if err := json.Unmarshal(raw, &pp); err != nil {
			return nil, fmt.Errorf("property %s: %w", name, err)
		}
		child := pp.Item
		if child == nil && pp.Properties != nil {
			child = &prototypeJSON{Properties: pp.Properties}
		}
		if child == nil {
			p.props[name] = pp.protoProp
			continue
		}
		lines, err := child.build()
		if err != nil {
			return nil, fmt.Errorf("collection %s: %w", name, err)
		}
		p.collections[name] = lines
	}
	return p, nil
}

func (p *prototype) collectionNames() []string {
	var out []string
	for name := range p.collections {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// fetchPrototype reads a facet's prototype. A representation or facet the
// site does not have is (nil, nil): 404, or 400 for a representation that
// does not belong to the class. Every other failure is an error.
func (c *Client) fetchPrototype(ctx context.Context, class, rep, facet string) (*prototype, error) {
	op := fmt.Sprintf("x3 discover %s.%s", rep, facet)
	u := c.root + class + "/$prototypes('" + url.PathEscape(rep+"."+facet) + "')"
	body, err := c.call(ctx, op, http.MethodGet, u, nil)
	var ce *core.Error
	if errors.As(err, &ce) && (ce.Status == http.StatusNotFound || ce.Status == http.StatusBadRequest) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p, err := parsePrototype(body)
	if err != nil {
		return nil, c.fail(op, core.Transient, http.StatusOK, err)
	}
	return p, nil
}
