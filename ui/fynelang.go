package ui

import (
	"encoding/json"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
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

// speakFyne makes Fyne's own widgets, such as file dialogs, questions
// and text fields' menus, speak the app's language rather than the
// system's. Should that fail they speak the system's, which is said in
// the log.
func (u *App) speakFyne() {
	if err := useFyneLanguage(u.lang); err != nil {
		fyne.LogError("Fyne's own texts stay in the system's language", err)
	}
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

// places are the places Fyne's file dialogs offer in their side bar, by
// the English names Fyne gives them on every platform; the catalogue
// holds each as "fyne.place." followed by the name.
var places = []string{"Home", "Computer", "App Files", "Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos", "Movies"}

// namePlaces names the places in the side bar of the file dialog in o
// (the dialog's pop-up) in language l: Fyne names them (Home, Computer,
// Documents…) in English whatever the language. The list's items are
// wrapped to rename each place as it is drawn, and made as wide as the
// widest name so that none is cut; the dialog must be laid out again
// afterwards.
func namePlaces(o fyne.CanvasObject, l i18n.Language) {
	list := placesList(o)
	if list == nil {
		return
	}
	names := make([]string, len(places))
	for i, p := range places {
		names[i] = l.T("fyne.place." + p)
	}
	create, update := list.CreateItem, list.UpdateItem
	list.CreateItem = func() fyne.CanvasObject {
		item := create()
		if label := itemLabel(item); label != nil {
			label.SetText(widest(label.Text, names))
		}
		return item
	}
	list.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		if label := itemLabel(item); label != nil {
			key := "fyne.place." + label.Text
			if name := l.T(key); name != key {
				label.SetText(name)
			}
		}
	}
	list.Refresh()
}

// widest returns the widest in a label of text and names.
func widest(text string, names []string) string {
	width := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	for _, n := range names {
		if width(n) > width(text) {
			text = n
		}
	}
	return text
}

// itemLabel is the label of a place in a file dialog's side bar: an icon
// and a label side by side.
func itemLabel(item fyne.CanvasObject) *widget.Label {
	if c, ok := item.(*fyne.Container); ok {
		for _, o := range c.Objects {
			if label, ok := o.(*widget.Label); ok {
				return label
			}
		}
	}
	return nil
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
