package core

// Read855Value is Read855 of Guide JSON already decoded the way
// encoding/json decodes it with UseNumber (map[string]any, []any, string,
// json.Number): a caller that builds the tree (inspect, from X12) need not
// encode it only for Read855 to decode it again.
func Read855Value(v any) (*Acknowledgment, error) {
	root, err := guideRoot(v)
	if err != nil {
		return nil, err
	}
	return read855(root)
}

// Read856Value is Read856 of Guide JSON already decoded (see Read855Value).
func Read856Value(v any) (*Shipment, error) {
	root, err := guideRoot(v)
	if err != nil {
		return nil, err
	}
	return read856(root)
}

// Read997Value is Read997 of Guide JSON already decoded (see Read855Value).
func Read997Value(v any) (*FunctionalAck, error) {
	root, err := guideRoot(v)
	if err != nil {
		return nil, err
	}
	return read997(root)
}
