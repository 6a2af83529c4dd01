// Package assets holds files shipped inside the binary: the starter
// configuration written by `ml-connector init`.
package assets

import _ "embed"

// StarterConfig is the commented configuration `ml-connector init` writes.
//
//go:embed ml-connector.example.toml
var StarterConfig []byte
