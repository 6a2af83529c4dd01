package core

// proposedChanges counts the lines of an 855 the supplier did not accept
// as ordered: every line whose ACK01 is not IA (accepted). 0 for other
// kinds or an 855 that cannot be read (its failure is reported elsewhere).
func proposedChanges(d Document, raw []byte) int {
	if d.Kind != Kind855 {
		return 0
	}
	a, err := Read855(raw)
	if err != nil {
		return 0
	}
	n := 0
	for _, l := range a.Lines {
		for _, ack := range l.Acks {
			if ack.Status != "IA" {
				n++
				break
			}
		}
	}
	return n
}
