package x12

import (
	"fmt"
	"strconv"
	"strings"
)

// x12Text converts Guide JSON string values to X12 text: ISO dates
// (YYYY-MM-DD) become CCYYMMDD and times (HH:MM, HH:MM:SS) become HHMM /
// HHMMSS, as Stedi does; everything else passes through verbatim (Stedi
// emits "0008" as 0008). Without the guide schema a free-text value that
// looks exactly like a date is converted too.
func x12Text(s string) string {
	if shaped(s, "dddd-dd-dd") {
		return s[0:4] + s[5:7] + s[8:10]
	}
	if shaped(s, "dd:dd") || shaped(s, "dd:dd:dd") {
		return strings.ReplaceAll(s, ":", "")
	}
	return s
}

// shaped matches s against a pattern where 'd' is any digit and every
// other byte must match literally.
func shaped(s, pattern string) bool {
	if len(s) != len(pattern) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if pattern[i] == 'd' {
			if !isDigit(s[i]) {
				return false
			}
		} else if s[i] != pattern[i] {
			return false
		}
	}
	return true
}

// maxExponent bounds JSON exponents so 1e999999 cannot allocate a huge
// string; no X12 numeric element is longer than 18 digits.
const maxExponent = 40

// formatNumber renders JSON number text in the minimal X12 decimal form:
// no exponent, no leading or trailing zeros (400 → 400, 12.50 → 12.5,
// 1.5e2 → 150, -0.0 → 0). It works on the digits, not on a float, so
// nothing is lost to binary rounding.
func formatNumber(num string) (string, error) {
	if minimalNumber(num) {
		return num, nil // most numbers: spares the allocations of normalNumber
	}
	return normalNumber(num)
}

// normalNumber is formatNumber of any number text.
func normalNumber(num string) (string, error) {
	s, neg := strings.CutPrefix(num, "-")
	mant, expText, hasExp := strings.Cut(strings.ToLower(s), "e")
	exp := 0
	if hasExp {
		e, err := strconv.Atoi(expText)
		if err != nil || e > maxExponent || e < -maxExponent {
			return "", fmt.Errorf("number %q: exponent out of range", num)
		}
		exp = e
	}
	ip, fp, _ := strings.Cut(mant, ".")
	digits := ip + fp
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return "", fmt.Errorf("number %q: not a decimal number", num)
	}
	return placePoint(neg, digits, len(ip)+exp), nil
}

// placePoint writes digits with a decimal point after the first point of
// them (none: zeros added; before them: zeros first), minimal.
func placePoint(neg bool, digits string, point int) string {
	var out string
	switch {
	case point <= 0:
		out = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		out = digits + strings.Repeat("0", point-len(digits))
	default:
		out = digits[:point] + "." + digits[point:]
	}
	out = trimNumber(out)
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// minimalNumber reports number text already in formatNumber's form:
// digits without leading zeros, a fraction without trailing ones, no
// exponent, no minus on zero.
func minimalNumber(num string) bool {
	s, neg := strings.CutPrefix(num, "-")
	ip, fp, point := strings.Cut(s, ".")
	if !allDigits(ip) || len(ip) > 1 && ip[0] == '0' {
		return false
	}
	if point {
		return allDigits(fp) && fp[len(fp)-1] != '0'
	}
	return !neg || ip != "0"
}

// trimNumber drops leading zeros of the integer part (keeping one) and
// trailing zeros of the fraction (and a bare point).
func trimNumber(s string) string {
	ip, fp, hasPoint := strings.Cut(s, ".")
	ip = strings.TrimLeft(ip, "0")
	if ip == "" {
		ip = "0"
	}
	if !hasPoint {
		return ip
	}
	if fp = strings.TrimRight(fp, "0"); fp == "" {
		return ip
	}
	return ip + "." + fp
}
