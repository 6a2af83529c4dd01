package config

import (
	"slices"
	"strings"
)

// Log levels and formats the daemon's logger knows (slog's names).
var (
	logLevels  = []string{"debug", "info", "warn", "error"}
	logFormats = []string{"text", "json"}
)

func (l Log) validateLog(bad func(key, format string, args ...any)) {
	if !slices.Contains(logLevels, strings.ToLower(l.Level)) {
		bad("log.level", "%q is not a level: use %s", l.Level, strings.Join(logLevels, ", "))
	}
	if !slices.Contains(logFormats, l.Format) {
		bad("log.format", "%q is not a format: use %s", l.Format, strings.Join(logFormats, ", "))
	}
}
