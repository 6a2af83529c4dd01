package x12

// checkStructure walks a set body against its table: required segments
// and loops must be present, repeat limits hold, and the segments the
// table knows must come in table order. base is the index of Body[0].
func checkStructure(fs *findings, t Transaction, base int) {
	rules, ok := setTables[t.SetID]
	if !ok {
		fs.add(Info, base-1, "ST", "NO-TABLE", "no structure table for set %q", t.SetID)
		return
	}
	m := &matcher{fs: fs, body: t.Body, base: base, known: knownIDs(rules, map[string]bool{})}
	m.sequence(rules, "set "+t.SetID)
	if i, ok := m.peek(); ok && !m.stopped {
		m.stop(i, "ORDER", "%s is not allowed here (out of order, or in the wrong loop)", t.Body[i].ID)
	}
}

// matcher is a greedy walk over the body. Segments the table does not
// know are skipped, so it checks order among known segments only. After
// the first order error it stops: later positions would only echo it.
type matcher struct {
	fs      *findings
	body    []Segment
	base    int
	known   map[string]bool
	pos     int
	stopped bool
}

// peek returns the index of the next known segment.
func (m *matcher) peek() (int, bool) {
	for i := m.pos; i < len(m.body); i++ {
		if m.known[m.body[i].ID] {
			return i, true
		}
	}
	return len(m.body), false
}

// sequence matches rules in order, each as many times as the input allows.
func (m *matcher) sequence(rules []rule, where string) {
	for _, r := range rules {
		count := 0
		for !m.stopped {
			i, ok := m.peek()
			if !ok || m.body[i].ID != r.ID {
				break
			}
			m.pos = i + 1
			count++
			if r.Max > 0 && count == r.Max+1 {
				m.fs.add(Error, m.base+i, r.ID, "REPEAT", "%s: more than %d %s", where, r.Max, r.ID)
			}
			if r.Loop != nil {
				m.sequence(r.Loop, r.ID+" loop")
			}
		}
		if m.stopped {
			return
		}
		if count < r.Min {
			i, _ := m.peek()
			what := r.ID
			if r.Loop != nil {
				what += " loop"
			}
			m.fs.add(Error, m.base+i, m.idAt(i), "REQUIRED", "%s: required %s missing", where, what)
		}
	}
}

func (m *matcher) stop(i int, code, format string, args ...any) {
	m.fs.add(Error, m.base+i, m.idAt(i), code, format, args...)
	m.stopped = true
}

func (m *matcher) idAt(i int) string {
	if i < len(m.body) {
		return m.body[i].ID
	}
	return "SE"
}
