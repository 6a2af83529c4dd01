// Package guideschema reads the JSON Schema of a Stedi guide, the file a
// site exports from the guide (Guides → Actions → View schema,
// stedi-api.md §7.1), and gives the engine what core.Guide asks: its
// structure (keys, variant keys, arrays, enums, types) and validation of
// Guide JSON documents against it. Validation is the JSON Schema library
// github.com/santhosh-tekuri/jsonschema/v6, with formats asserted (dates).
package guideschema

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mlconnector/ml-connector/core"
)

// Schema is one compiled guide schema; it implements core.Guide.
type Schema struct {
	source string
	sch    *jsonschema.Schema
}

var _ core.Guide = (*Schema)(nil)

// Load reads and compiles the schema at path.
func Load(path string) (*Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read guide schema: %w", err)
	}
	return Compile(path, data)
}

// Compile compiles a schema held in memory; source names it in messages.
func Compile(source string, data []byte) (*Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("guide schema %s is not JSON: %w", source, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // Stedi's guides type dates as format "date"
	loc := "mem:///" + url.PathEscape(filepath.Base(source))
	if err := c.AddResource(loc, doc); err != nil {
		return nil, fmt.Errorf("guide schema %s: %w", source, err)
	}
	sch, err := c.Compile(loc)
	if err != nil {
		return nil, fmt.Errorf("guide schema %s does not compile: %w", source, err)
	}
	s := &Schema{source: source, sch: sch}
	if s.Root().Property("heading") == nil && s.Root().Property("detail") == nil {
		// UNCONFIRMED: that the exported schema describes one transaction
		// ({heading, detail, summary}), as third-party fixtures of Stedi
		// guide schemas do.
		return nil, fmt.Errorf("guide schema %s describes no transaction: it has no heading or detail property", source)
	}
	return s, nil
}

// Source is the file (or name) the schema came from.
func (s *Schema) Source() string { return s.source }

// Root is the schema of a whole transaction.
func (s *Schema) Root() core.GuideNode { return node{s.sch} }
