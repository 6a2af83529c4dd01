//go:build tools

// Package deps pins the modules later issues build on, so every engineer
// of the project starts from the same go.mod.
package deps

import (
	_ "github.com/charmbracelet/bubbles/list"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/x/exp/teatest"
	_ "github.com/golang-jwt/jwt/v5"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "golang.ngrok.com/ngrok/v2"
	_ "golang.org/x/oauth2"
)
