// Package i18n is the message catalogue of Central Asia War Tracker: every
// text of the desktop app, of charts and of report packs, in English and
// Russian. The texts live in embedded JSON files, translations/en.json and
// translations/ru.json, one object per language mapping a message key to
// its text, or to its plural forms ("one", "few", "many", "other") for
// texts with a count. Texts take fmt verbs for their arguments.
//
// It also names the values of the data model (countries, channels, kinds,
// stages, months, periods and series) in each language, so that the data
// layer stays English and language-free. It uses the standard library and
// package data only: the chart renderer, the command line and the Fyne app
// share it.
package i18n

import (
	"fmt"
	"strings"
	"time"
)

// Language is a language of the catalogue, written as its ISO 639-1 code.
// The zero value means English.
type Language string

// The languages of the catalogue.
const (
	English Language = "en"
	Russian Language = "ru"
)

// Languages are the catalogue's languages, in menu order.
var Languages = []Language{English, Russian}

// Parse reads a language code, en or ru, in any case.
func Parse(code string) (Language, error) {
	l := Language(strings.ToLower(strings.TrimSpace(code)))
	for _, k := range Languages {
		if k == l {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown language %q (use en or ru)", code)
}

// Match returns the catalogue's language for a locale such as "ru-RU",
// "ru_RU.UTF-8" or "ru": its language if the catalogue has it, else
// English.
func Match(locale string) Language {
	code, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(locale)), "_")
	code, _, _ = strings.Cut(code, "-")
	code, _, _ = strings.Cut(code, ".")
	if l, err := Parse(code); err == nil {
		return l
	}
	return English
}

// or returns l, or English for the zero value and unknown languages.
func (l Language) or() Language {
	if _, ok := catalogues[l]; ok {
		return l
	}
	return English
}

// Name is the language's name in itself: "English", "Русский".
func (l Language) Name() string { return l.T("language.name") }

// T returns the text of key in l with args formatted into it. A key that
// l lacks falls back to English, and a key that English lacks to the key
// itself.
func (l Language) T(key string, args ...any) string {
	return format(l.message(key).forms["other"], key, args)
}

// N returns the plural form of key that suits the count n, with args
// formatted into it; n itself is not an argument unless passed in args.
func (l Language) N(key string, n int, args ...any) string {
	m := l.message(key)
	text, ok := m.forms[pluralForm(l.or(), n)]
	if !ok {
		text = m.forms["other"]
	}
	return format(text, key, args)
}

// message looks key up in l, then in English.
func (l Language) message(key string) message {
	if m, ok := catalogue(l.or())[key]; ok {
		return m
	}
	if m, ok := catalogue(English)[key]; ok {
		return m
	}
	return message{forms: map[string]string{"other": key}}
}

// has reports whether l's catalogue has key.
func (l Language) has(key string) bool {
	_, ok := catalogue(l.or())[key]
	return ok
}

func format(text, key string, args []any) string {
	if text == "" {
		text = key
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// pluralForm is the CLDR plural category of the whole number n in l.
func pluralForm(l Language, n int) string {
	if n < 0 {
		n = -n
	}
	if l == Russian {
		switch mod10, mod100 := n%10, n%100; {
		case mod10 == 1 && mod100 != 11:
			return "one"
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return "few"
		default:
			return "many"
		}
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// Number writes an integer with the language's thousands separator and a
// true minus sign: 1,234,567 and −4 in English, 1 234 567 (with no-break
// spaces) in Russian.
func (l Language) Number(v int) string {
	sep := l.T("number.thousands")
	s := fmt.Sprint(v)
	sign := ""
	if v < 0 {
		sign, s = "−", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return sign + s
}

// Problem words a problem of the data layer (see data.FieldError and
// data.RowError) in l: the catalogue's "problem." and code, with args
// formatted into it, in the plural form that the first whole number
// (int) among args asks for; a time.Month is written as the month's
// short name in l. A code that the catalogue does not know, or "", gives
// english, the data layer's message.
func (l Language) Problem(code string, args []any, english string) string {
	key := "problem." + code
	if code == "" || !English.has(key) {
		return english
	}
	n, words := 0, make([]any, len(args))
	counted := false
	for i, a := range args {
		words[i] = a
		switch v := a.(type) {
		case int:
			if !counted {
				n, counted = v, true
			}
		case time.Month:
			if l.or() != English {
				words[i] = l.MonthAbbr(int(v) - 1)
			}
		}
	}
	return l.N(key, n, words...)
}
