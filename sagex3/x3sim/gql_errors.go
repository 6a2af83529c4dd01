package x3sim

import "net/http"

// gqlFieldError is a business error of one field: it becomes an entry of
// errors[] (HTTP 200) and the field is null. severity "transient" says the
// same request may succeed later; code "recordNotFound" names a missing
// record. graphql-go puts Extensions() into the entry.
// The shape (Xtrem's extensions.diagnoses with SData severities) is the
// unconfirmed reading marked in sagex3/graphql_errors.go.
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

// fieldErrorOf turns an api1 error of the shared business rules into a
// GraphQL field error.
func fieldErrorOf(e *apiError) *gqlFieldError {
	fe := &gqlFieldError{message: e.message, severity: e.severity}
	if e.status == http.StatusNotFound {
		fe.code = "recordNotFound"
	}
	return fe
}
