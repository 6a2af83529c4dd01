package x3gql

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// The scalars of X3's GraphQL schema the simulator serves. Id is the one
// Sage's PHP sample declares (read(_id: $id) with $id: Id!); the others
// are ours, named after what they carry. graphql-go maps each to a Go type
// through ImplementsGraphQLType.

// gqlID is an Id: a record's key as a string.
type gqlID string

func (gqlID) ImplementsGraphQLType(name string) bool { return name == "Id" }

func (id *gqlID) UnmarshalGraphQL(input any) error {
	s, ok := input.(string)
	if !ok {
		return fmt.Errorf("an Id must be a string, got %T", input)
	}
	*id = gqlID(s)
	return nil
}

// gqlDate is a date, YYYY-MM-DD.
type gqlDate string

func (gqlDate) ImplementsGraphQLType(name string) bool { return name == "Date" }

func (d *gqlDate) UnmarshalGraphQL(input any) error {
	s, ok := input.(string)
	if !ok {
		return fmt.Errorf("a Date must be a string, got %T", input)
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("invalid date %q: expected YYYY-MM-DD", s)
	}
	*d = gqlDate(s)
	return nil
}

// gqlDatetime is an _updateStamp: ISO 8601 with milliseconds, UTC.
type gqlDatetime string

func (gqlDatetime) ImplementsGraphQLType(name string) bool { return name == "Datetime" }

func (d *gqlDatetime) UnmarshalGraphQL(input any) error {
	s, ok := input.(string)
	if !ok {
		return fmt.Errorf("a Datetime must be a string, got %T", input)
	}
	*d = gqlDatetime(s)
	return nil
}

// gqlDecimal is a quantity or an amount, written as a JSON number.
type gqlDecimal float64

func (gqlDecimal) ImplementsGraphQLType(name string) bool { return name == "Decimal" }

func (d *gqlDecimal) UnmarshalGraphQL(input any) error {
	switch v := input.(type) {
	case float64:
		*d = gqlDecimal(v)
	case int32:
		*d = gqlDecimal(v)
	case int:
		*d = gqlDecimal(v)
	case json.Number:
		f, err := v.Float64()
		*d = gqlDecimal(f)
		return err
	case string:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("invalid decimal %q", v)
		}
		*d = gqlDecimal(f)
	default:
		return fmt.Errorf("a Decimal must be a number, got %T", input)
	}
	return nil
}

func (d gqlDecimal) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(float64(d), 'f', -1, 64)), nil
}

// Nullable outputs: graphql-go wants a pointer for a field that may be null.

func stampOf(t time.Time) *gqlDatetime {
	if t.IsZero() {
		return nil
	}
	s := gqlDatetime(t.UTC().Format("2006-01-02T15:04:05.000Z"))
	return &s
}

func dateOf(s string) *gqlDate {
	if s == "" {
		return nil
	}
	d := gqlDate(s)
	return &d
}

func decimalOf(f float64) *gqlDecimal {
	d := gqlDecimal(f)
	return &d
}

func textOf(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// enumOf names a local menu value (1-based) as an enum; nil when out of range.
func enumOf(names []string, v int) *string {
	if v < 1 || v > len(names) {
		return nil
	}
	return &names[v-1]
}
