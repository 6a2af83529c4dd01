package x3sim

import (
	"bytes"
	"encoding/json"
	"errors"
)

// gqlObject is a resolved object. A field holds a scalar, another object,
// a list of objects, or a gqlResolver computed from the field's arguments.
type gqlObject struct {
	typeName string
	fields   map[string]any
}

type gqlResolver func(args map[string]any) (any, error)

// gqlFieldError is a business error of one field: it becomes an entry of
// errors[] (HTTP 200) and the field is null. severity "transient" says
// the same request may succeed later; code "recordNotFound" names a
// missing record.
type gqlFieldError struct {
	message  string
	code     string
	severity string
}

func (e *gqlFieldError) Error() string { return e.message }

// gqlErrorJSON is one errors[] entry.
type gqlErrorJSON struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// gqlExec runs one validated operation.
type gqlExec struct {
	vars map[string]any
	errs []gqlErrorJSON
}

// orderedObject marshals its keys in selection order, as GraphQL answers do.
type orderedObject []orderedField

type orderedField struct {
	key   string
	value any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		v, err := marshalNoEscape(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func (x *gqlExec) project(obj *gqlObject, fields []gqlField, path []any) orderedObject {
	out := make(orderedObject, 0, len(fields))
	for _, f := range fields {
		fieldPath := append(append([]any(nil), path...), f.key())
		var v any = obj.typeName
		if f.name != "__typename" {
			v = obj.fields[f.name]
		}
		if resolve, ok := v.(gqlResolver); ok {
			var err error
			if v, err = resolve(x.args(f)); err != nil {
				x.fail(err, fieldPath)
				v = nil
			}
		}
		out = append(out, orderedField{f.key(), x.complete(v, f.selections, fieldPath)})
	}
	return out
}

func (x *gqlExec) complete(v any, selections []gqlField, path []any) any {
	switch v := v.(type) {
	case *gqlObject:
		if v == nil {
			return nil
		}
		return x.project(v, selections, path)
	case []*gqlObject:
		list := make([]any, len(v))
		for i, o := range v {
			list[i] = x.project(o, selections, append(append([]any(nil), path...), i))
		}
		return list
	}
	return v
}

// args resolves a field's arguments, reading variables.
func (x *gqlExec) args(f gqlField) map[string]any {
	out := make(map[string]any, len(f.args))
	for name, v := range f.args {
		if v.variable != "" {
			out[name] = x.vars[v.variable]
		} else {
			out[name] = v.literal
		}
	}
	return out
}

func (x *gqlExec) fail(err error, path []any) {
	e := gqlErrorJSON{Message: err.Error(), Path: path}
	var fe *gqlFieldError
	if errors.As(err, &fe) {
		ext := map[string]any{}
		if fe.code != "" {
			ext["code"] = fe.code
		}
		severity := fe.severity
		if severity == "" {
			severity = severityError
		}
		ext["diagnoses"] = []map[string]string{{"severity": severity, "message": fe.message}}
		e.Extensions = ext
	}
	x.errs = append(x.errs, e)
}
