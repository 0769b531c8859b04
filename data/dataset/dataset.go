// Package dataset embeds the curated incidents that ship with the product,
// compiled from published reports (see docs/DATASET.md).
package dataset

import (
	"bytes"
	_ "embed"
	"io"
)

//go:embed incidents.csv
var incidents []byte

// Name is the file name of the bundled dataset, used in messages.
const Name = "incidents.csv (bundled)"

// Open returns a reader of the bundled incidents CSV.
func Open() io.Reader { return bytes.NewReader(incidents) }
