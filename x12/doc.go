// Package x12 is the connector's own small X12 codec: it turns Stedi Guide
// JSON into X12 (FromGuideJSON, Render), tokenizes X12 files (Parse,
// ParseSegments), checks envelopes and set structure (Validate) and turns
// inbound 855/856 sets back into Guide JSON (ToGuideJSON).
//
// # Element representation
//
// A Segment holds its elements as plain strings, 1-based position n at
// Elements[n-1]. X12 delimiters differ from file to file, so the in-memory
// form never contains a file's own delimiters. Instead:
//
//   - the components of a composite element are joined with ComponentMark
//     (ASCII 0x1F, "unit separator");
//   - the repetitions of a repeated element are joined with RepetitionMark
//     (ASCII 0x1E, "record separator").
//
// Neither byte is allowed in X12 data (the basic and extended character sets
// exclude control characters), so the marks are unambiguous. Parse maps the
// file's component and repetition separators to the marks and the writers
// map the marks back to the target delimiters, which makes composites and
// repetitions round-trip exactly even between files with different
// delimiters. Use Composite and Repeated to build such values and
// Segment.Component / Segment.Repetitions to read them.
//
// X12 has no escape character: a value that contains one of the target
// delimiters is rejected by the writers rather than silently corrupted.
package x12
