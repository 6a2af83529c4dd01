package tui

// gate lets one load of a kind run at a time: a refresh asked for while
// one runs is remembered and done once it ends, so a burst of engine
// events costs two queries, not hundreds.
type gate struct{ busy, dirty bool }

// enter reports whether a load may start now.
func (g *gate) enter() bool {
	if g.busy {
		g.dirty = true
		return false
	}
	g.busy = true
	return true
}

// force marks a load started whatever runs (a key press supersedes it).
func (g *gate) force() { g.busy, g.dirty = true, false }

// leave ends a load and reports whether another was asked for meanwhile.
func (g *gate) leave() bool {
	again := g.dirty
	g.busy, g.dirty = false, false
	return again
}
