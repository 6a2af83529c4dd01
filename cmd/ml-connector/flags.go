package main

import (
	"flag"
	"strings"
)

// parseAnywhere parses args with flags before, between or after the
// positional arguments (`show 12 --raw --payload 3 --db F`), the way
// operators type them. A flag that takes a value keeps the next argument;
// "--" ends the flags.
func parseAnywhere(fs *flag.FlagSet, args []string) error {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case len(a) < 2 || a[0] != '-':
			pos = append(pos, a)
		default:
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		}
	}
	return fs.Parse(append(append(flags, "--"), pos...))
}

// takesValue reports whether the flag arg names takes its value from the
// next argument: a defined flag, not boolean, without "=value".
func takesValue(fs *flag.FlagSet, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}
