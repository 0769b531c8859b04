// Package data holds the domain of Central Asia War Tracker: incidents and
// their sources, the enumerations of the data model, filters, chart series
// and the counting rules that keep overlapping reports from being counted
// twice. It uses the standard library only; storage, CSV and rendering live
// in their own packages and depend on this one.
package data

import (
	"strings"
)

// Area is where an incident belongs: one of the five Central Asian countries,
// CA for a figure about several of them that the source does not split, or RU
// for a Russian measure that concerns every country.
type Area string

// The areas of the data model.
const (
	KZ Area = "KZ"
	KG Area = "KG"
	TJ Area = "TJ"
	UZ Area = "UZ"
	TM Area = "TM"
	CA Area = "CA"
	RU Area = "RU"
)

// Countries are the five Central Asian countries, in display order.
var Countries = []Area{KZ, KG, TJ, UZ, TM}

// Areas are all areas, in display order.
var Areas = []Area{KZ, KG, TJ, UZ, TM, CA, RU}

var areaNames = map[Area]string{
	KZ: "Kazakhstan", KG: "Kyrgyzstan", TJ: "Tajikistan", UZ: "Uzbekistan",
	TM: "Turkmenistan", CA: "Central Asia (not split by country)", RU: "Russia (all countries)",
}

// areaAliases maps lower-case names people write to area codes: English,
// Russian, and the countries' own names in their languages.
var areaAliases = map[string]Area{
	"kazakhstan": KZ, "kyrgyzstan": KG, "kirghizia": KG, "kyrgyz republic": KG,
	"tajikistan": TJ, "uzbekistan": UZ, "turkmenistan": TM,
	"central asia": CA, "russia": RU, "russian federation": RU,
	"казахстан": KZ, "кыргызстан": KG, "киргизия": KG, "таджикистан": TJ, "узбекистан": UZ,
	"туркменистан": TM, "туркмения": TM, "центральная азия": CA, "средняя азия": CA,
	"россия": RU, "российская федерация": RU, "рф": RU,
	"қазақстан": KZ, "тоҷикистон": TJ, "oʻzbekiston": UZ, "o'zbekiston": UZ, "ўзбекистон": UZ, "türkmenistan": TM,
}

// Name returns the English name of the area.
func (a Area) Name() string {
	if n, ok := areaNames[a]; ok {
		return n
	}
	return string(a)
}

// IsCountry reports whether a is one of the five countries.
func (a Area) IsCountry() bool {
	switch a {
	case KZ, KG, TJ, UZ, TM:
		return true
	}
	return false
}

// ParseArea accepts an area code or a country's name in English, in
// Russian or in its own language, in any case.
func ParseArea(s string) (Area, error) {
	t := strings.TrimSpace(s)
	if a := Area(strings.ToUpper(t)); areaNames[a] != "" {
		return a, nil
	}
	if a, ok := areaAliases[strings.ToLower(t)]; ok {
		return a, nil
	}
	return "", Invalid("area.unknown", "unknown country %q (use KZ, KG, TJ, UZ, TM, CA, RU or a country name)", s)
}

// Kind is what happened.
type Kind string

// The kinds of incident.
const (
	Death       Kind = "death"
	Prosecution Kind = "prosecution"
	Recruitment Kind = "recruitment"
	Captured    Kind = "captured"
	Warning     Kind = "warning"
	Policy      Kind = "policy"
)

// Kinds are all kinds, in display order.
var Kinds = []Kind{Death, Prosecution, Recruitment, Captured, Warning, Policy}

// Stage is the step of a prosecution.
type Stage string

// The prosecution stages, in legal order.
const (
	Investigation Stage = "investigation"
	Detention     Stage = "detention"
	Charge        Stage = "charge"
	Sentence      Stage = "sentence"
	Retrial       Stage = "retrial"
	Acquittal     Stage = "acquittal"
)

// Stages are all stages, in legal order.
var Stages = []Stage{Investigation, Detention, Charge, Sentence, Retrial, Acquittal}

// Basis says how a count is to be read.
type Basis string

// The bases of a count.
const (
	// Event: N people newly affected by this event.
	Event Basis = "event"
	// Total: a running total reported as of this date.
	Total Basis = "total"
	// AtLeast: a lower bound on the running total.
	AtLeast Basis = "at_least"
	// Estimate: an approximate figure ("around 35"). It is never part of a
	// confirmed count; charts show it apart, labelled as an estimate.
	Estimate Basis = "estimate"
)

// Bases are all bases.
var Bases = []Basis{Event, Total, AtLeast, Estimate}

// Side is the army a person fought for.
type Side string

// The sides. The zero value means not known or not applicable.
const (
	SideUnknown Side = ""
	Russia      Side = "russia"
	Ukraine     Side = "ukraine"
)

// Sides are the known sides.
var Sides = []Side{Russia, Ukraine}

// Channel is a recruitment channel code.
type Channel string

// ChannelInfo describes a known recruitment channel.
type ChannelInfo struct {
	Code  Channel
	Label string
}

// Channels are the recruitment channels found in the sources, in display
// order. Users may use other codes; they are shown as written.
var Channels = []ChannelInfo{
	{"prison", "Prison recruitment (Wagner)"},
	{"migration_centre", "Recruitment office at migration centre"},
	{"social_media_ads", "Social-media job ads"},
	{"summons_citizenship", "Summons with threat to strip citizenship"},
	{"citizenship_law", "Citizenship-for-service law"},
	{"conscript_decree", "Decree allowing foreign conscripts"},
	{"pmc_contract", "Private military company contracts"},
	{"mod_contract", "Ministry of Defence contracts"},
	{"construction_deception", "Deception of construction workers"},
	{"mosque_raids", "Raids on mosques"},
	{"street_recruiters", "Recruiters at metro stations and migration centres"},
	{"transport_ads", "Ads on public transport"},
}

// Label returns the display label of the channel.
func (c Channel) Label() string {
	for _, ci := range Channels {
		if ci.Code == c {
			return ci.Label
		}
	}
	return string(c)
}

// ParseChannel accepts a channel code. Known codes are matched in any case;
// other codes are allowed so users can add channels, but they must be short
// lower-case words joined by underscores.
func ParseChannel(s string) (Channel, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" || len(t) > 40 {
		return "", Invalid("channel.notCode", "channel %q must be a short code such as social_media_ads", s)
	}
	for _, r := range t {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return "", Invalid("channel.letters", "channel %q may hold only letters a-z, digits and _", s)
		}
	}
	return Channel(t), nil
}

func parseEnum[T ~string](what, s string, all []T) (T, error) {
	t := T(strings.ToLower(strings.TrimSpace(s)))
	for _, v := range all {
		if v == t {
			return v, nil
		}
	}
	names := make([]string, len(all))
	for i, v := range all {
		names[i] = string(v)
	}
	return "", Invalid("value.unknown", "unknown %s %q (use %s)", what, s, strings.Join(names, ", "))
}

// ParseKind parses a kind in any case.
func ParseKind(s string) (Kind, error) { return parseEnum("kind", s, Kinds) }

// ParseStage parses a prosecution stage in any case.
func ParseStage(s string) (Stage, error) { return parseEnum("stage", s, Stages) }

// ParseBasis parses a basis in any case; blank means Event.
func ParseBasis(s string) (Basis, error) {
	if strings.TrimSpace(s) == "" {
		return Event, nil
	}
	return parseEnum("basis", s, Bases)
}

// ParseSide parses a side in any case; blank means unknown.
func ParseSide(s string) (Side, error) {
	if strings.TrimSpace(s) == "" {
		return SideUnknown, nil
	}
	return parseEnum("side", s, Sides)
}
