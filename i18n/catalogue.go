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

// catalogues parses each language's file of the embedded catalogue the
// first time one of its texts is needed, so that a program speaking one
// language, such as the command line, never parses the other's. The files
// are part of the program and checked by its tests, so a file that does
// not parse is a bug.
var catalogues = func() map[Language]func() map[string]message {
	c := map[Language]func() map[string]message{}
	for _, l := range Languages {
		c[l] = sync.OnceValue(func() map[string]message {
			msgs, err := load(l)
			if err != nil {
				panic(err)
			}
			return msgs
		})
	}
	return c
}()

// catalogue returns l's texts by key, nil for a language without a file.
func catalogue(l Language) map[string]message {
	if texts, ok := catalogues[l]; ok {
		return texts()
	}
	return nil
}

// load parses l's file of the catalogue.
func load(l Language) (map[string]message, error) {
	name := path.Join("translations", string(l)+".json")
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("i18n: read %s: %w", name, err)
	}
	var msgs map[string]message
	if err := json.Unmarshal(b, &msgs); err != nil {
		return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
	}
	return msgs, nil
}
