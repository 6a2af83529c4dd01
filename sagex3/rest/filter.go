package rest

import (
	"errors"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// where is the api1 predicate for "updated at or after since".
//
// UNCONFIRMED: the docs confirm SData's @YYYY-MM-DD@ date literal, not
// that api1 takes a date-time literal on UPDDATTIM. The client asks with
// one first; a server that refuses it (400 on the first page) is asked by
// date instead, on the date property (UPDDAT), from the day before since:
// X3 may keep that date in the server's own time zone, and a day earlier
// covers every zone. That re-reads up to a day of changes and misses none.
//
// Sub-second precision is dropped; truncating down can only re-read a
// record, never skip one.
func (l restListing) where(since time.Time, dateOnly bool) string {
	if dateOnly {
		return l.date + " ge @" + since.Add(-24*time.Hour).UTC().Format(time.DateOnly) + "@"
	}
	return l.stamp + " ge @" + since.UTC().Format("2006-01-02T15:04:05Z") + "@"
}

// refused reports a request X3 refused as malformed (400): what a server
// that does not take date-time literals answers.
func refused(err error) bool {
	var ce *core.Error
	return errors.As(err, &ce) && ce.Status == http.StatusBadRequest
}
