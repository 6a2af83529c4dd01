package core

// A partner's Stedi guide is backed by a JSON Schema; Stedi refuses (400)
// a generate-edi body that does not validate against the guide of the
// transaction setting (stedi-api.md §7.1, real-systems.md "Guide JSON is
// per guide"). A site exports that schema from the guide (Guides →
// Actions → View schema) and points the partner at it; ml-connector then
// takes key names, variant keys and shapes from it (guidewrite.go) and
// validates every document against it before anything is sent
// (guidecheck.go). The guideschema package implements these interfaces.

// Guide is the compiled JSON Schema of one guide.
type Guide interface {
	// Source names the schema (its file) in messages.
	Source() string
	// Root is the schema of a whole transaction ({heading, detail, summary}).
	Root() GuideNode
	// Validate checks one Guide JSON transaction. It returns nil when the
	// document fits, and an error only when the document is not JSON.
	Validate(doc []byte) ([]GuideViolation, error)
}

// GuideNode is the schema of one value of a document: an object (a
// section, a loop iteration, a segment), an array, or an element.
// References and allOf are already followed.
type GuideNode interface {
	// Keys are the object's declared properties, sorted.
	Keys() []string
	// Property is the schema of one property, or nil.
	Property(key string) GuideNode
	// IsArray reports whether the value must be an array; Items is then
	// the schema of its items.
	IsArray() bool
	Items() GuideNode
	// Enum lists the values allowed (enum or const) as text; nil for any.
	Enum() []string
	// Types lists the JSON types allowed ("string", "number", ...); nil for any.
	Types() []string
}

// GuideViolation is one place where a document does not fit a guide.
type GuideViolation struct {
	// Pointer is the JSON pointer of the offending value in the document;
	// for a missing or unexpected property it ends with that property.
	Pointer string
	// SchemaPath is where in the schema the failed rule is.
	SchemaPath string
	Message    string
}
