package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sync"
)

// files holds the catalogue: translations/<code>.json for each language.
//
//go:embed translations/*.json
var files embed.FS

// message is one text of the catalogue: its plural forms by CLDR category,
// or just "other" for a text without a count.
type message struct {
	forms map[string]string
}

// UnmarshalJSON reads a text, or an object of plural forms.
func (m *message) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		m.forms = map[string]string{"other": s}
		return nil
	}
	if err := json.Unmarshal(b, &m.forms); err != nil {
		return fmt.Errorf("a message is a string or an object of plural forms: %w", err)
	}
	return nil
}

// catalogue parses the embedded files once. They are part of the program
// and checked by its tests, so a file that does not parse is a bug.
var catalogue = sync.OnceValue(func() map[Language]map[string]message {
	c, err := load()
	if err != nil {
		panic(err)
	}
	return c
})

func load() (map[Language]map[string]message, error) {
	c := map[Language]map[string]message{}
	for _, l := range Languages {
		name := path.Join("translations", string(l)+".json")
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", name, err)
		}
		var msgs map[string]message
		if err := json.Unmarshal(b, &msgs); err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
		}
		c[l] = msgs
	}
	return c, nil
}
