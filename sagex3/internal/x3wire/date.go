package x3wire

// nullDate is the placeholder X3 stores for "no date".
const nullDate = "1599-12-31"

// Date returns an X3 date as YYYY-MM-DD, or "" when unset; a date-time
// keeps only its date part.
func Date(s string) string {
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	if s == nullDate {
		return ""
	}
	return s
}
