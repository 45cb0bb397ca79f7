package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// buildVersion returns the version, commit and Go version of this binary:
// from -ldflags when set, else from the build information Go records.
func buildVersion() (ver, rev, goVersion string) {
	ver, rev, goVersion = version, commit, runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		if ver == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			ver = bi.Main.Version
		}
		if rev == "" {
			var modified bool
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value == "true"
				}
			}
			if rev != "" && modified {
				rev += "-dirty"
			}
		}
	}
	if rev == "" {
		rev = "unknown"
	}
	return ver, rev, goVersion
}

func (m *Main) runVersion(context.Context) error {
	ver, rev, goVersion := buildVersion()
	_, err := fmt.Fprintf(m.Stdout, "tdkt %s\ncommit %s\n%s %s/%s\n", ver, rev, goVersion, runtime.GOOS, runtime.GOARCH)
	return err
}
