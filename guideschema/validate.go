package guideschema

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/mlconnector/ml-connector/core"
)

var printer = message.NewPrinter(language.English)

// Validate checks one Guide JSON transaction against the guide. Each
// violation is one failed rule at one place; a missing or unexpected
// property is reported at the property itself, so that the caller can
// name the element.
func (s *Schema) Validate(doc []byte) ([]core.GuideViolation, error) {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	err = s.sch.Validate(v)
	var ve *jsonschema.ValidationError
	if err == nil {
		return nil, nil
	}
	if !errors.As(err, &ve) {
		return nil, err
	}
	var out []core.GuideViolation
	for _, leaf := range leaves(ve) {
		for _, gv := range violations(leaf) {
			if !slices.Contains(out, gv) {
				out = append(out, gv)
			}
		}
	}
	return out, nil
}

// leaves are the errors that say what failed, below the groups (allOf,
// anyOf, $ref) that only gather them.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func violations(e *jsonschema.ValidationError) []core.GuideViolation {
	at := pointer(e.InstanceLocation)
	path := schemaPath(e)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		out := make([]core.GuideViolation, len(k.Missing))
		for i, m := range k.Missing {
			out[i] = core.GuideViolation{Pointer: at + "/" + escape(m), SchemaPath: path, Message: "required by the guide, but missing"}
		}
		return out
	case *kind.AdditionalProperties:
		out := make([]core.GuideViolation, len(k.Properties))
		for i, p := range k.Properties {
			out[i] = core.GuideViolation{Pointer: at + "/" + escape(p), SchemaPath: path, Message: "not in the guide"}
		}
		return out
	}
	return []core.GuideViolation{{Pointer: at, SchemaPath: path, Message: e.ErrorKind.LocalizedString(printer)}}
}

// schemaPath is the rule's place in the schema file: the JSON pointer
// after the '#' of its location, then the keyword.
func schemaPath(e *jsonschema.ValidationError) string {
	_, frag, _ := strings.Cut(e.SchemaURL, "#")
	return "#" + frag + pointer(e.ErrorKind.KeywordPath())
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escape(t))
	}
	return b.String()
}

func escape(t string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(t) }
