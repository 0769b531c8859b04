package data

import "strings"

// Group says whom a figure is about. A total about one group covers only
// that group, so figures about different groups of people add up (see
// AreaFigures). The zero value means the source does not say.
type Group string

// The groups of people. Their codes are stable: files and scripts use them.
const (
	// GroupUnstated: the source does not say whom the figure is about.
	GroupUnstated Group = ""
	// Prisoners: recruited from Russian prisons and penal colonies.
	Prisoners Group = "prisoners"
	// Migrants: labour migrants and naturalised Russian citizens recruited
	// in Russia.
	Migrants Group = "migrants"
	// Mobilised: called up in a mobilisation.
	Mobilised Group = "mobilised"
	// Volunteers: signed up from their home country.
	Volunteers Group = "volunteers"
)

// Groups are the stated groups, in display order.
var Groups = []Group{Prisoners, Migrants, Mobilised, Volunteers}

// UnstatedCode is the series code of the figures whose group is not
// stated, in charts and CSV files that show figures by group.
const UnstatedCode = "unstated"

// Code is the group's series code: its name, or UnstatedCode when blank.
func (g Group) Code() string {
	if g == GroupUnstated {
		return UnstatedCode
	}
	return string(g)
}

// ParseGroup parses a group code in any case; blank (or "unstated") means
// the source does not say.
func ParseGroup(s string) (Group, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" || t == UnstatedCode {
		return GroupUnstated, nil
	}
	return parseEnum("group", t, Groups)
}

var groupNames = map[Group]string{
	GroupUnstated: "Group not stated", Prisoners: "Prisoners", Migrants: "Migrants",
	Mobilised: "Mobilised", Volunteers: "Volunteers",
}

// Name returns the English name of the group.
func (g Group) Name() string {
	if n, ok := groupNames[g]; ok {
		return n
	}
	return string(g)
}
