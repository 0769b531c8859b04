// Package locale, part of the desktop app's command, gives Fyne a language it can parse when the environment's
// locale is C or POSIX (LANG=C.UTF-8, say) or unset; Fyne then logs
// "Error parsing user locale" at start. Import it for its side effect:
//
//	import _ "catracker/cmd/catracker/locale"
//
// Fyne reads the locale in its lang package's init, before main runs, so
// no call from main could come early enough. The Go specification (Package
// initialization) initialises packages in the order of their import paths
// among those whose imports are ready; this package needs only the
// standard library and "catracker/..." sorts before "fyne.io/...", so its
// init runs before Fyne's. TestFixRunsBeforeFyne checks exactly that, under
// LANG=C.UTF-8, so a change to either order fails the tests.
//
// It sets LANGUAGE, which only chooses message translations: the C
// library keeps the character handling the user's locale asks for.
package locale

import (
	"os"
	"strings"
)

func init() { Fix() }

// Fallback is the language used when the environment names none.
const Fallback = "en_US"

// Fix sets LANGUAGE to Fallback if the locale that LC_ALL, LC_MESSAGES or
// LANG select is C, POSIX or unset, and LANGUAGE is unset.
func Fix() {
	if !unnamed() || os.Getenv("LANGUAGE") != "" {
		return
	}
	os.Setenv("LANGUAGE", Fallback)
}

// unnamed reports whether the environment's locale names no language.
func unnamed() bool {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		l := os.Getenv(v)
		if l == "" {
			continue
		}
		lang, _, _ := strings.Cut(l, ".")
		lang, _, _ = strings.Cut(lang, "@")
		return lang == "C" || lang == "POSIX"
	}
	return true
}
