package stedisim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// generateRequest is GenerateEdiRequestContent (stedi-api.md §2.2).
// Pointers tell "absent" from "empty" for required fields. Fields the
// simulator does not act on (interchangeAuthorization, characterSet,
// repairOptions) are accepted and ignored.
type generateRequest struct {
	TransactionGroups                 []transactionGroup    `json:"transactionGroups"`
	Filename                          *string               `json:"filename"`
	Overrides                         *interchangeOverrides `json:"overrides"`
	InterchangeUsageIndicatorOverride *string               `json:"interchangeUsageIndicatorOverride"`
}

type transactionGroup struct {
	TransactionSettingID *string           `json:"transactionSettingId"`
	Transactions         []json.RawMessage `json:"transactions"`
	Overrides            *groupOverrides   `json:"overrides"`
}

type groupOverrides struct {
	LocalApplicationID   *string `json:"localApplicationId"`
	PartnerApplicationID *string `json:"partnerApplicationId"`
}

type interchangeOverrides struct {
	InterchangeUsageIndicator           *string     `json:"interchangeUsageIndicator"`
	AcknowledgmentRequestedCode         *string     `json:"acknowledgmentRequestedCode"`
	InterchangeControlVersionNumberCode *string     `json:"interchangeControlVersionNumberCode"`
	Delimiters                          *delimiters `json:"delimiters"`
}

type delimiters struct {
	Element    string `json:"element"`
	Composite  string `json:"composite"`
	Repetition string `json:"repetition"`
	Segment    string `json:"segment"`
}

// parseGenerateRequest decodes and validates the body against the spec's
// constraints (required fields, minItems, lengths, patterns, enums). Every
// error it returns is a 400 whose text is the message.
func parseGenerateRequest(body []byte) (*generateRequest, error) {
	var req generateRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, fmt.Errorf("request body is not valid: %w", err)
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return &req, nil
}

func (r *generateRequest) validate() error {
	if r.TransactionGroups == nil {
		return errors.New("transactionGroups is required")
	}
	if len(r.TransactionGroups) == 0 {
		return errors.New("transactionGroups must have at least 1 item")
	}
	for i, g := range r.TransactionGroups {
		if err := g.validate(); err != nil {
			return fmt.Errorf("transactionGroups[%d].%w", i, err)
		}
	}
	if f := r.Filename; f != nil && (len(*f) < 1 || len(*f) > 300 || !only(*f, ".*'()!_-")) {
		return errors.New("filename must be 1-300 characters of [a-zA-Z0-9.*'()!_-]")
	}
	if u := r.InterchangeUsageIndicatorOverride; u != nil && !slices.Contains([]string{"I", "T", "P"}, *u) {
		return errors.New("interchangeUsageIndicatorOverride must be one of I, T, P")
	}
	if r.Overrides != nil {
		return r.Overrides.validate()
	}
	return nil
}

func (g transactionGroup) validate() error {
	id := g.TransactionSettingID
	switch {
	case id == nil:
		return errors.New("transactionSettingId is required")
	case len(*id) < 1 || len(*id) > 50 || !only(*id, "_-"):
		return errors.New("transactionSettingId must be 1-50 characters of [a-zA-Z0-9_-]")
	case g.Transactions == nil:
		return errors.New("transactions is required")
	case len(g.Transactions) == 0:
		return errors.New("transactions must have at least 1 item")
	}
	for i, t := range g.Transactions {
		if t := bytes.TrimSpace(t); len(t) == 0 || t[0] != '{' {
			return fmt.Errorf("transactions[%d] must be a Guide JSON object", i)
		}
	}
	if o := g.Overrides; o != nil {
		if !appID(o.LocalApplicationID) || !appID(o.PartnerApplicationID) {
			return errors.New("overrides application ids must be 2-15 characters")
		}
	}
	return nil
}

func (o *interchangeOverrides) validate() error {
	switch {
	case o.InterchangeUsageIndicator != nil && !slices.Contains([]string{"I", "T", "P"}, *o.InterchangeUsageIndicator):
		return errors.New("overrides.interchangeUsageIndicator must be one of I, T, P")
	case o.AcknowledgmentRequestedCode != nil && !slices.Contains([]string{"0", "1", "2", "3"}, *o.AcknowledgmentRequestedCode):
		return errors.New("overrides.acknowledgmentRequestedCode must be one of 0, 1, 2, 3")
	case o.InterchangeControlVersionNumberCode != nil && len(*o.InterchangeControlVersionNumberCode) != 5:
		return errors.New("overrides.interchangeControlVersionNumberCode must be 5 characters")
	}
	if d := o.Delimiters; d != nil {
		for _, c := range []string{d.Element, d.Composite, d.Repetition, d.Segment} {
			if len(c) != 1 || c[0] > 0x7e || isAlnum(c[0]) {
				return errors.New("overrides.delimiters: element, composite, repetition and segment are each one non-alphanumeric character")
			}
		}
	}
	return nil
}

// usage is the ISA15 the request asks for; P unless overridden.
func (r *generateRequest) usage() byte {
	if o := r.Overrides; o != nil && o.InterchangeUsageIndicator != nil {
		return (*o.InterchangeUsageIndicator)[0]
	}
	if u := r.InterchangeUsageIndicatorOverride; u != nil {
		return (*u)[0]
	}
	return 'P'
}

func appID(p *string) bool { return p == nil || len(*p) >= 2 && len(*p) <= 15 }

// only reports whether s holds nothing but ASCII letters, digits and the
// bytes of extra: the spec's `^([a-zA-Z0-9…]+)$` patterns without regexp.
func only(s, extra string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && strings.IndexByte(extra, s[i]) < 0 {
			return false
		}
	}
	return true
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
