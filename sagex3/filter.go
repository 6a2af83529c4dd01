package sagex3

import "time"

// updatedSinceFilter is the api1 where= predicate for "updated at or after
// since". UNCONFIRMED: the docs confirm SData's @YYYY-MM-DD@ date literal,
// not that api1 accepts a date-time literal on UPDDATTIM; if a real X3
// rejects it, this is the one place to change (e.g. to UPDDAT ge @date@,
// which re-reads up to a day but misses nothing).
//
// Sub-second precision is dropped; truncating down can only re-read a
// record, never skip one.
func updatedSinceFilter(since time.Time) string {
	return "UPDDATTIM ge @" + since.UTC().Format("2006-01-02T15:04:05Z") + "@"
}
