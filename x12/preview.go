package x12

import "time"

// PlaceholderEnvelope is the envelope of X12 rendered locally, for previews
// and checks of documents Stedi has not enveloped: Stedi writes the real
// ISA/GS from the partnership's profiles and control numbers. The ids say
// plainly that they are placeholders.
func PlaceholderEnvelope(at time.Time) Envelope {
	return Envelope{
		SenderQual: "ZZ", SenderID: "PLACEHOLDER",
		ReceiverQual: "ZZ", ReceiverID: "PLACEHOLDER",
		Date: at, ControlNumber: 1, Usage: 'T', AckRequested: '0',
		Version: "00501", Release: "005010", Delimiters: DefaultDelimiters,
	}
}

// RenderGuideJSON renders one Guide JSON transaction as an interchange in
// env: FromGuideJSON, then Render.
func RenderGuideJSON(raw []byte, env Envelope) (string, error) {
	setID, body, err := FromGuideJSON(raw)
	if err != nil {
		return "", err
	}
	return Render(env, Transaction{SetID: setID, Body: body})
}
