package ui

import (
	"encoding/json"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"catracker/i18n"
)

// fyneKeys are the keys of the texts that Fyne's own widgets show (file
// dialogs, questions, text fields' menus, the calendar), as Fyne v2.7's
// translations (fyne.io/fyne/v2/lang/translations) name them. The
// catalogue holds each as "fyne." followed by the key.
var fyneKeys = []string{
	"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename", "Error",
	"Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
	"Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent",
	"monday", "monday.short", "tuesday", "tuesday.short", "wednesday", "wednesday.short",
	"thursday", "thursday.short", "friday", "friday.short", "saturday", "saturday.short",
	"sunday", "sunday.short",
}

// useFyneLanguage makes Fyne's own widgets speak l from now on, whatever
// the system's language. Fyne translates its texts into the language of
// the system's locale, or into English if it has no translation for it,
// so l's texts are loaded as the translations of both, replacing Fyne's
// own; the widgets made afterwards show them. Loading them for the
// system's locale also gives Fyne a translation for it, so it is the one
// Fyne chooses.
func useFyneLanguage(l i18n.Language) error {
	texts := make(map[string]string, len(fyneKeys))
	for _, k := range fyneKeys {
		texts[k] = l.T("fyne." + k)
	}
	b, err := json.Marshal(texts)
	if err != nil {
		return fmt.Errorf("encode Fyne's texts in %s: %w", l.Name(), err)
	}
	var errs []error
	for _, locale := range []fyne.Locale{"en", lang.SystemLocale()} {
		if err := lang.AddTranslationsForLocale(b, locale); err != nil {
			errs = append(errs, fmt.Errorf("load Fyne's texts in %s for the locale %s: %w", l.Name(), locale, err))
		}
	}
	return errors.Join(errs...)
}

// namePlaces names the places in the side bar of the file dialog in o
// (the dialog's pop-up) in language l: Fyne names them (Home, Computer,
// Documents…) in English whatever the language, and only after drawing
// an item, so the list's item drawing is wrapped.
func namePlaces(o fyne.CanvasObject, l i18n.Language) {
	places := placesList(o)
	if places == nil {
		return
	}
	update := places.UpdateItem
	places.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		c, ok := item.(*fyne.Container)
		if !ok {
			return
		}
		for _, o := range c.Objects {
			if label, ok := o.(*widget.Label); ok {
				key := "fyne.place." + label.Text
				if name := l.T(key); name != key {
					label.SetText(name)
				}
			}
		}
	}
	places.Refresh()
}

// placesList finds the side bar of a file dialog: the list on the
// leading side of its split.
func placesList(o fyne.CanvasObject) *widget.List {
	switch w := o.(type) {
	case *widget.PopUp:
		return placesList(w.Content)
	case *container.Split:
		if list, ok := w.Leading.(*widget.List); ok {
			return list
		}
		return placesList(w.Trailing)
	case *fyne.Container:
		for _, c := range w.Objects {
			if list := placesList(c); list != nil {
				return list
			}
		}
	}
	return nil
}
