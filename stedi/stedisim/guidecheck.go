package stedisim

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

// Stedi validates every transaction of a generate-edi request against the
// JSON Schema of the guide behind its transaction setting and answers 400
// when one does not fit (stedi-api.md §2.4, §9; real-systems.md "Guide
// JSON is per guide"). UNCONFIRMED: the wording of Stedi's message; the
// body shape {message, code} is the spec's.

// guideSchema is a transaction setting's compiled guide, or why it is not.
type guideSchema struct {
	schema *jsonschema.Schema
	err    error
}

// compileGuides compiles the guide schema of every setting that has one.
func compileGuides(settings map[string]TransactionSetting) map[string]guideSchema {
	out := map[string]guideSchema{}
	for id, ts := range settings {
		if len(ts.Schema) == 0 {
			continue
		}
		sch, err := compileGuide(id, ts.Schema)
		out[id] = guideSchema{sch, err}
	}
	return out
}

func compileGuide(id string, raw []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	loc := "mem:///guides/" + id + ".json"
	if err := c.AddResource(loc, doc); err != nil {
		return nil, err
	}
	return c.Compile(loc)
}

// checkGuide validates one transaction against the setting's guide; it
// returns one message per failed rule, nil when it fits.
func (g guideSchema) check(raw []byte) []string {
	if g.err != nil {
		return []string{fmt.Sprintf("the guide of the transaction setting cannot be used: %v", g.err)}
	}
	if g.schema == nil {
		return nil
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return []string{err.Error()}
	}
	var ve *jsonschema.ValidationError
	if err := g.schema.Validate(v); !errors.As(err, &ve) {
		return nil
	}
	var msgs []string
	collect(ve, &msgs)
	sort.Strings(msgs)
	return msgs
}

// collect gathers the leaf errors: where in the document, and what.
func collect(e *jsonschema.ValidationError, into *[]string) {
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			collect(c, into)
		}
		return
	}
	*into = append(*into, fmt.Sprintf("at /%s: %s", strings.Join(e.InstanceLocation, "/"), e.ErrorKind.LocalizedString(printer)))
}
