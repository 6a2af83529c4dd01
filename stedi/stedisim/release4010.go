package stedisim

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Stedi names Guide JSON keys after the X12 dictionary of the guide's
// release (stedi-api.md §7.2): an 855 or 856 translated with a 004010
// guide says name_N1_loop where a 005010 one says
// party_identification_N1_loop. x12.ToGuideJSON writes 005010 names; for
// an inbound setting on 004010 the simulator renames them, as Stedi's
// 004010 guides name them (Stedi's X12 reference, x12-004010 segments
// N1 "Name", N3 "Address Information", REF "Reference Identification",
// AMT "Monetary Amount"; PO102 "Quantity Ordered").

// segmentNames4010 maps 005010 segment-name prefixes to 004010 ones; a
// key matches when it equals the prefix or continues with "_".
var segmentNames4010 = []struct{ from, to string }{
	{"party_identification_N1", "name_N1"},
	{"party_location_N3", "address_information_N3"},
	{"reference_information_REF", "reference_identification_REF"},
	{"monetary_amount_information_AMT", "monetary_amount_AMT"},
}

// elementNames4010 renames elements inside one segment (by its key).
var elementNames4010 = map[string]map[string]string{
	"baseline_item_data_PO1": {"quantity_02": "quantity_ordered_02"},
}

// inRelease returns guide with the key names of release; only 004010
// differs from what x12.ToGuideJSON writes.
func inRelease(guide []byte, release string) ([]byte, error) {
	if release != "004010" {
		return guide, nil
	}
	dec := json.NewDecoder(bytes.NewReader(guide))
	dec.UseNumber()
	var out bytes.Buffer
	if err := rename(dec, &out, ""); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// rename copies one value from dec to out, renaming the keys of objects;
// parent is the key the value sits under.
func rename(dec *json.Decoder, out *bytes.Buffer, parent string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		out.WriteByte('{')
		for i := 0; dec.More(); i++ {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			if i > 0 {
				out.WriteByte(',')
			}
			key := renameKey(parent, k.(string))
			b, _ := json.Marshal(key)
			out.Write(b)
			out.WriteByte(':')
			if err := rename(dec, out, key); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		out.WriteByte('}')
		return err
	case json.Delim('['):
		out.WriteByte('[')
		for i := 0; dec.More(); i++ {
			if i > 0 {
				out.WriteByte(',')
			}
			if err := rename(dec, out, parent); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		out.WriteByte(']')
		return err
	}
	b, err := json.Marshal(tok)
	out.Write(b)
	return err
}

func renameKey(parent, key string) string {
	if to, ok := elementNames4010[parent][key]; ok {
		return to
	}
	for _, n := range segmentNames4010 {
		if rest, ok := strings.CutPrefix(key, n.from); ok && (rest == "" || rest[0] == '_') {
			return n.to + rest
		}
	}
	return key
}
