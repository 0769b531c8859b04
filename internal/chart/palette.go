package chart

import (
	"hash/fnv"
	"image/color"
	"strings"

	"github.com/wcharczuk/go-chart/v2/drawing"

	"catracker/data"
)

// fixedColors gives every country, area, derived series, known channel,
// group of people and prosecution stage one colour that is the same in
// every chart. Countries use the Okabe-Ito colour-blind-safe palette;
// channels use twelve colours from Paul Tol's palettes, groups four more
// of his and a grey for the figures whose group is not stated, and
// stages four blues from light to dark in the order cases go through them
// and two warm and green outcomes; within each chart any two stay apart
// for readers with normal vision, deuteranopia and protanopia (checked by
// TestPaletteColourBlindSafe).
var fixedColors = map[string]color.RGBA{
	string(data.KZ):       rgb(0x0072B2), // blue
	string(data.KG):       rgb(0xD55E00), // vermillion
	string(data.TJ):       rgb(0x009E73), // bluish green
	string(data.UZ):       rgb(0xCC79A7), // reddish purple
	string(data.TM):       rgb(0xE69F00), // orange
	string(data.CA):       rgb(0x56B4E9), // sky blue
	string(data.RU):       rgb(0x222222), // near black
	data.UnattributedCode: rgb(0xBBBBBB), // light grey
	data.RegionCode:       rgb(0x000000), // black

	"prison":                 rgb(0x332288), // indigo
	"migration_centre":       rgb(0xEEDD88), // pale yellow
	"social_media_ads":       rgb(0x009988), // teal
	"summons_citizenship":    rgb(0xCC3311), // red
	"citizenship_law":        rgb(0xBBCC33), // lime
	"conscript_decree":       rgb(0x99DDFF), // pale cyan
	"pmc_contract":           rgb(0x663333), // brown
	"mod_contract":           rgb(0x77AADD), // light blue
	"construction_deception": rgb(0xFFAABB), // pink
	"mosque_raids":           rgb(0xEE8866), // salmon
	"street_recruiters":      rgb(0x0077BB), // blue
	"transport_ads":          rgb(0xEE3377), // magenta

	string(data.Prisoners):  rgb(0x882E72), // purple
	string(data.Migrants):   rgb(0xF6C141), // yellow
	string(data.Mobilised):  rgb(0x5289C7), // blue
	string(data.Volunteers): rgb(0x4EB265), // green
	data.UnstatedCode:       rgb(0xAAAAAA), // grey, like the unattributed part

	string(data.Investigation): rgb(0xA6CEE3), // pale blue
	string(data.Detention):     rgb(0x6699CC), // mid blue
	string(data.Charge):        rgb(0x1965B0), // blue
	string(data.Sentence):      rgb(0x0B2D6B), // navy
	string(data.Retrial):       rgb(0xE8601C), // orange
	string(data.Acquittal):     rgb(0x5AAE61), // green
}

// extraColors colour codes the palette does not know, such as channels
// users add; the colour is chosen by a hash of the code, never by position.
var extraColors = []color.RGBA{
	rgb(0x44AA99), rgb(0xCC6677), rgb(0x117733), rgb(0x882255),
	rgb(0x999933), rgb(0xAA4499), rgb(0xDDCC77), rgb(0x88CCEE),
}

// ColorOf returns the fixed colour of a country or area code, a channel
// code, a group code or "unstated", a stage, UNATTRIBUTED or REGION. Every chart uses the same colour for the
// same code, whichever other series it shows. Codes the palette does not
// know get a colour chosen by a hash of the code.
func ColorOf(code string) color.RGBA {
	for _, k := range []string{code, strings.ToUpper(code), strings.ToLower(code)} {
		if c, ok := fixedColors[k]; ok {
			return c
		}
	}
	h := fnv.New32a()
	h.Write([]byte(code))
	return extraColors[h.Sum32()%uint32(len(extraColors))]
}

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// colorOf returns the fixed colour of code for the renderers.
func colorOf(code string) drawing.Color { return toDrawing(ColorOf(code)) }

func toDrawing(c color.RGBA) drawing.Color {
	return drawing.Color{R: c.R, G: c.G, B: c.B, A: c.A}
}

// Furniture colours.
var (
	white     = toDrawing(rgb(0xFFFFFF))
	ink       = toDrawing(rgb(0x1A1A1A)) // titles
	inkSoft   = toDrawing(rgb(0x444444)) // subtitle, labels
	inkMuted  = toDrawing(rgb(0x666666)) // footer, tick labels
	gridColor = toDrawing(rgb(0xE3E3E3))
	axisColor = toDrawing(rgb(0x333333))
)
