// Package assets holds the resources bundled into the desktop app: the
// application icon (icon.svg is its source; icon.png is the 512x512
// rendering that the window and `fyne package` use).
package assets

import _ "embed"

// Icon is the application icon as a 512x512 PNG.
//
//go:embed icon.png
var Icon []byte
