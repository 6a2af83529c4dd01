package x3gql

import "github.com/mlconnector/ml-connector/sagex3/x3sim"

// gqlFieldError is a business error of one field: it becomes an entry of
// errors[] (HTTP 200) and the field is null. severity "transient" says the
// same request may succeed later; code "recordNotFound" names a missing
// record. graphql-go puts Extensions() into the entry.
// The shape (Xtrem's extensions.diagnoses with SData severities) is the
// unconfirmed reading marked in sagex3/graphql_errors.go.
// severityError is the SData severity of a refusal that names none.
const severityError = "error"

type gqlFieldError struct {
	message  string
	code     string
	severity string
}

func (e *gqlFieldError) Error() string { return e.message }

func (e *gqlFieldError) Extensions() map[string]any {
	severity := e.severity
	if severity == "" {
		severity = severityError
	}
	ext := map[string]any{"diagnoses": []map[string]any{{"severity": severity, "message": e.message}}}
	if e.code != "" {
		ext["code"] = e.code
	}
	return ext
}

// fieldErrorOf turns a refusal of the shared business rules (the api1
// $edit's) into a GraphQL field error.
func fieldErrorOf(e *x3sim.EditError) *gqlFieldError {
	fe := &gqlFieldError{message: e.Message, severity: e.Severity}
	if e.NotFound {
		fe.code = "recordNotFound"
	}
	return fe
}
