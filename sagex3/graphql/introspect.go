package graphql

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

// introspector reads a site's schema through GraphQL introspection, one
// type at a time (__type(name:)) as the walk needs it: a real X3 schema
// has thousands of types, and the connector needs a few dozen.
type introspector struct {
	c     *Client
	types map[string]*gqlTypeInfo // nil value: the schema has no such type
}

// gqlTypeInfo is what introspection tells of one type.
type gqlTypeInfo struct {
	fields      map[string]gqlFieldInfo // object types
	inputFields map[string]string       // input types: field → named type
}

type gqlFieldInfo struct {
	typeName string            // the named type, lists and non-null unwrapped
	args     map[string]string // argument → named type
}

const typeRefFragment = `fragment R on __Type { name kind ofType { name kind ofType { name kind ofType { name kind } } } }`

const typeQuery = `query($n: String!) { __type(name: $n) { name kind
 fields { name type { ...R } args { name type { ...R } } }
 inputFields { name type { ...R } } } } ` + typeRefFragment

type typeRefJSON struct {
	Name   string       `json:"name"`
	OfType *typeRefJSON `json:"ofType"`
}

// named unwraps NON_NULL and LIST down to the named type.
func (t *typeRefJSON) named() string {
	for t != nil && t.Name == "" {
		t = t.OfType
	}
	if t == nil {
		return ""
	}
	return t.Name
}

type typeJSON struct {
	Name   string `json:"name"`
	Fields []struct {
		Name string      `json:"name"`
		Type typeRefJSON `json:"type"`
		Args []struct {
			Name string      `json:"name"`
			Type typeRefJSON `json:"type"`
		} `json:"args"`
	} `json:"fields"`
	InputFields []struct {
		Name string      `json:"name"`
		Type typeRefJSON `json:"type"`
	} `json:"inputFields"`
}

func newIntrospector(c *Client) *introspector {
	return &introspector{c: c, types: map[string]*gqlTypeInfo{}}
}

// roots returns the names of the query and mutation root types.
func (in *introspector) roots(ctx context.Context) (query, mutation string, err error) {
	const op = "x3 discover the GraphQL schema"
	body, err := in.c.post(ctx, op, gqlRequest{Query: `{ __schema { queryType { name } mutationType { name } } }`})
	if err != nil {
		return "", "", err
	}
	data, err := decodeData(op, body)
	if err != nil {
		return "", "", err
	}
	var s struct {
		Schema struct {
			QueryType    *struct{ Name string } `json:"queryType"`
			MutationType *struct{ Name string } `json:"mutationType"`
		} `json:"__schema"`
	}
	if json.Unmarshal(data, &s) != nil || s.Schema.QueryType == nil {
		return "", "", &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "the answer to __schema has no queryType"}
	}
	if s.Schema.MutationType != nil {
		mutation = s.Schema.MutationType.Name
	}
	return s.Schema.QueryType.Name, mutation, nil
}

// typeInfo loads one type; nil when the schema has none of that name.
func (in *introspector) typeInfo(ctx context.Context, name string) (*gqlTypeInfo, error) {
	if t, ok := in.types[name]; ok || name == "" {
		return t, nil
	}
	const op = "x3 discover the GraphQL schema"
	body, err := in.c.post(ctx, op, gqlRequest{Query: typeQuery, Variables: map[string]any{"n": name}})
	if err != nil {
		return nil, err
	}
	data, err := decodeData(op, body)
	if err != nil {
		return nil, err
	}
	var out struct {
		Type *typeJSON `json:"__type"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "the answer to __type cannot be read"}
	}
	in.types[name] = out.Type.info()
	return in.types[name], nil
}

func (t *typeJSON) info() *gqlTypeInfo {
	if t == nil {
		return nil
	}
	info := &gqlTypeInfo{fields: map[string]gqlFieldInfo{}, inputFields: map[string]string{}}
	for _, f := range t.Fields {
		fi := gqlFieldInfo{typeName: f.Type.named(), args: map[string]string{}}
		for _, a := range f.Args {
			fi.args[a.Name] = a.Type.named()
		}
		info.fields[f.Name] = fi
	}
	for _, f := range t.InputFields {
		info.inputFields[f.Name] = f.Type.named()
	}
	return info
}

// field finds one field of an object type.
func (in *introspector) field(ctx context.Context, typeName, name string) (gqlFieldInfo, bool, error) {
	t, err := in.typeInfo(ctx, typeName)
	if err != nil || t == nil {
		return gqlFieldInfo{}, false, err
	}
	f, ok := t.fields[name]
	return f, ok, nil
}

// walk follows a property path from a type; missing names the first
// segment the schema lacks (with the type it was looked for on).
func (in *introspector) walk(ctx context.Context, typeName, path string) (missing string, err error) {
	cur := typeName
	for _, seg := range strings.Split(path, ".") {
		f, ok, err := in.field(ctx, cur, seg)
		if err != nil {
			return "", err
		}
		if !ok {
			return cur + "." + seg, nil
		}
		cur = f.typeName
	}
	return "", nil
}

// inputField finds a field of an input type (its first path segment:
// writes set flat properties).
func (in *introspector) inputField(ctx context.Context, typeName, path string) (string, bool, error) {
	t, err := in.typeInfo(ctx, typeName)
	if err != nil || t == nil {
		return "", false, err
	}
	name, _, _ := strings.Cut(path, ".")
	named, ok := t.inputFields[name]
	return named, ok, nil
}
