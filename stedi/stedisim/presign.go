package stedisim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"
)

// downloadValidity is how long a document download URL works (stedi-api.md
// §6: "available for 60 minutes").
const downloadValidity = 60 * time.Minute

// presigner makes and checks the simulator's stand-in for S3 pre-signed
// URLs: an expiry on the simulator clock and an HMAC over what is
// downloaded, so the URL works without the API key and only as issued.
type presigner struct {
	key []byte
}

// artifactPath is where the simulator serves a download, outside the API
// version prefix as a storage host would.
func artifactPath(transactionID, usage string) string {
	return "/artifacts/" + url.PathEscape(transactionID) + "/" + usage
}

// url returns the download URL of one artifact below base (scheme and
// host), valid until now + downloadValidity.
func (p presigner) url(base, transactionID, usage string, now time.Time) string {
	exp := strconv.FormatInt(now.Add(downloadValidity).Unix(), 10)
	q := url.Values{"expires": {exp}, "signature": {p.sign(transactionID, usage, exp)}}
	return base + artifactPath(transactionID, usage) + "?" + q.Encode()
}

// check reports whether q is a valid, unexpired signature for the artifact.
func (p presigner) check(transactionID, usage string, q url.Values, now time.Time) (ok, expired bool) {
	exp := q.Get("expires")
	want := p.sign(transactionID, usage, exp)
	if !hmac.Equal([]byte(want), []byte(q.Get("signature"))) {
		return false, false
	}
	sec, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || now.After(time.Unix(sec, 0)) {
		return false, true
	}
	return true, false
}

func (p presigner) sign(transactionID, usage, exp string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(transactionID + "\n" + usage + "\n" + exp))
	return hex.EncodeToString(m.Sum(nil))
}
