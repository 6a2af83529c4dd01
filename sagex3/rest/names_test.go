package rest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/sagex3/rest"
)

// Every name is documented with its key and default, in the README's
// configuration reference and in the X3 administrator's checklist.
func TestEveryNameIsDocumented(t *testing.T) {
	for _, doc := range []string{"../../README.md", "../../docs/x3-setup.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range rest.NameTable() {
			if !strings.Contains(string(b), "`"+e.Key+"`") && !strings.Contains(string(b), "`x3.rest."+e.Key+"`") {
				t.Errorf("%s does not document x3.rest.%s", doc, e.Key)
			}
			if !strings.Contains(string(b), "`"+e.Default+"`") {
				t.Errorf("%s does not show the default %s of %s", doc, e.Default, e.Key)
			}
		}
	}
}

func TestNamesTakeOverridesAndRefuseUnknownKeys(t *testing.T) {
	n, err := rest.NewNames(map[string]string{rest.POLines: " ZLINES "})
	if err != nil || n.Get(rest.POLines) != "ZLINES" || n.Get(rest.POClass) != "PORDER" {
		t.Errorf("names %v %v", n.Get(rest.POLines), err)
	}
	var zero rest.Names
	if zero.Get(rest.POEditRepresentation) != "YPOACK" {
		t.Error("the zero Names are not the defaults")
	}
	for want, overrides := range map[string]map[string]string{
		"x3.rest.po_colour": {"po_colour": "X"},
		"not an X3 name":    {rest.POLines: "PO-LINES"},
	} {
		if _, err := rest.NewNames(overrides); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: %v, want %q", overrides, err, want)
		}
	}
}
