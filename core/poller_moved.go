package core

import "time"

// changeList is one poll's change list as it is read. A record saved in
// X3 while the list is read moves to its end (X3 lists in update-stamp
// order) and comes twice: it is kept once, with its newest stamp. Its
// move also shifts the records after its old place by one, so a server
// that pages by position (SData's startIndex) may skip one of them at the
// next page boundary. The skipped record's stamp is at least the moved
// record's old one, so the cursor then moves no further than that old
// stamp: the next poll lists the skipped record again.
type changeList struct {
	changed []RecordStamp
	at      map[string]int       // key → its place in changed
	first   map[string]time.Time // key → the stamp it was first listed with
	maxSeen time.Time
	moved   time.Time // the oldest first stamp of a record listed twice; zero when none
}

func newChangeList(cursor time.Time) *changeList {
	return &changeList{at: map[string]int{}, first: map[string]time.Time{}, maxSeen: cursor}
}

// saw notes a listed record.
func (l *changeList) saw(rs RecordStamp) {
	if rs.Updated.After(l.maxSeen) {
		l.maxSeen = rs.Updated
	}
	first, again := l.first[rs.Key]
	if !again {
		l.first[rs.Key] = rs.Updated
		return
	}
	if l.moved.IsZero() || first.Before(l.moved) {
		l.moved = first
	}
}

// add keeps rs to be read, once per key, with the newest stamp listed.
func (l *changeList) add(rs RecordStamp) {
	if i, ok := l.at[rs.Key]; ok {
		if rs.Updated.After(l.changed[i].Updated) {
			l.changed[i] = rs
		}
		return
	}
	l.at[rs.Key] = len(l.changed)
	l.changed = append(l.changed, rs)
}

// cursor is how far the cursor may move after this list was read whole.
func (l *changeList) cursor() time.Time {
	if !l.moved.IsZero() && l.moved.Before(l.maxSeen) {
		return l.moved
	}
	return l.maxSeen
}
