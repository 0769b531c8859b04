package chart

import (
	"image/color"
	"math"
	"testing"

	"catracker/data"
)

// Colour-vision deficiency simulation matrices of Machado, Oliveira and
// Fernandes (2009) at full severity, applied in linear RGB.
var cvdSimulations = map[string][3][3]float64{
	"normal vision": {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"deuteranopia":  {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"protanopia":    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
}

func linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// simulatedLab returns the CIELAB colour a reader with the simulated
// vision sees.
func simulatedLab(c color.RGBA, m [3][3]float64) [3]float64 {
	r, g, b := linear(c.R), linear(c.G), linear(c.B)
	clamp := func(x float64) float64 { return math.Max(0, math.Min(1, x)) }
	R := clamp(m[0][0]*r + m[0][1]*g + m[0][2]*b)
	G := clamp(m[1][0]*r + m[1][1]*g + m[1][2]*b)
	B := clamp(m[2][0]*r + m[2][1]*g + m[2][2]*b)
	x := (0.4124*R + 0.3576*G + 0.1805*B) / 0.95047
	y := 0.2126*R + 0.7152*G + 0.0722*B
	z := (0.0193*R + 0.1192*G + 0.9505*B) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// minDeltaE is the smallest CIE76 colour difference allowed between two
// series of one chart; about 10 is clearly distinguishable side by side.
const minDeltaE = 12

// TestPaletteColourBlindSafe checks every set of series that can share a
// chart: no two of their colours come closer than minDeltaE for readers
// with normal vision, deuteranopia or protanopia.
func TestPaletteColourBlindSafe(t *testing.T) {
	var channels []string
	for _, c := range data.Channels {
		channels = append(channels, string(c.Code))
	}
	groups := []string{data.UnstatedCode, data.RegionCode}
	for _, g := range data.Groups {
		groups = append(groups, string(g))
	}
	var stages []string
	for _, s := range data.Stages {
		stages = append(stages, string(s))
	}
	charts := map[string][]string{
		"deaths and prosecutions": {"KZ", "KG", "TJ", "UZ", "TM", data.UnattributedCode, data.RegionCode},
		"by group of people":      groups,
		"cases by latest stage":   stages,
		"timeline":                {"KZ", "KG", "TJ", "UZ", "TM", "CA", "RU"},
		"recruitment channels":    channels,
	}
	for chartName, codes := range charts {
		for sim, m := range cvdSimulations {
			for i, a := range codes {
				for _, b := range codes[i+1:] {
					la, lb := simulatedLab(ColorOf(a), m), simulatedLab(ColorOf(b), m)
					d := math.Sqrt(sq(la[0]-lb[0]) + sq(la[1]-lb[1]) + sq(la[2]-lb[2]))
					if d < minDeltaE {
						t.Errorf("%s, %s: %s and %s differ by only %.1f", chartName, sim, a, b, d)
					}
				}
			}
		}
	}
}

func sq(x float64) float64 { return x * x }
