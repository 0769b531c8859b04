package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives key presses to the focused widget instead of the window, so
// F1 and Escape, which the window handles (see addShortcuts), would do
// nothing while a text field, checkbox, list or drop-down has focus; and a
// text field takes every Ctrl shortcut, the app's own too. The widgets
// below are Fyne's with that one difference: they hand F1, Escape and the
// app's shortcuts on to the window. Every such widget of the app is made
// with these constructors.

// forwardKey hands F1 and Escape, which no widget of the app uses, from
// the focused widget obj to its window, and reports whether it did.
func forwardKey(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != aboutKey && ev.Name != fyne.KeyEscape {
		return false
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(ev)
	return true
}

// forwardShortcut hands one of the app's own shortcuts from the focused
// widget obj to its window, and reports whether it did.
func forwardShortcut(obj fyne.CanvasObject, s fyne.Shortcut) bool {
	if !appShortcut(s) {
		return false
	}
	c, ok := fyne.CurrentApp().Driver().CanvasForObject(obj).(fyne.Shortcutable)
	if !ok {
		return false
	}
	c.TypedShortcut(s)
	return true
}

// appShortcut reports whether s is the shortcut of a toolbar action.
func appShortcut(s fyne.Shortcut) bool {
	for _, a := range []fyne.Shortcut{shortcutOpen, shortcutImport, shortcutExport, shortcutCopy, shortcutAdd, shortcutSettings} {
		if a.ShortcutName() == s.ShortcutName() {
			return true
		}
	}
	return false
}

// keyEntry is a text field that hands on the window's keys.
type keyEntry struct{ widget.Entry }

// newEntry is a one-line text field that hands on the window's keys.
func newEntry() *keyEntry {
	e := &keyEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands F1 and Escape to the window and other keys to the field.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if !forwardKey(e, ev) {
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut hands the app's shortcuts to the window and others, such
// as copy and paste, to the field.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// keySelectEntry is a text field with choices that hands on the window's
// keys.
type keySelectEntry struct{ widget.SelectEntry }

// newSelectEntry is a text field with the given choices that hands on
// the window's keys.
func newSelectEntry(options []string) *keySelectEntry {
	e := &keySelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedKey hands F1 and Escape to the window and other keys to the field.
func (e *keySelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if !forwardKey(e, ev) {
		e.SelectEntry.TypedKey(ev)
	}
}

// TypedShortcut hands the app's shortcuts to the window and others to
// the field.
func (e *keySelectEntry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e, s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// keyCheck is a checkbox that hands on F1 and Escape.
type keyCheck struct{ widget.Check }

// newCheck is a checkbox with a label that hands on F1 and Escape.
func newCheck(label string, changed func(bool)) *keyCheck {
	c := &keyCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey hands F1 and Escape to the window and other keys to the box.
func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) {
	if !forwardKey(c, ev) {
		c.Check.TypedKey(ev)
	}
}

// keySelect is a drop-down that hands on F1 and Escape.
type keySelect struct{ widget.Select }

// newSelect is a drop-down of options that hands on F1 and Escape.
func newSelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = widget.NewSelect(nil, nil).PlaceHolder // Fyne's own words
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands F1 and Escape to the window and other keys to the
// drop-down.
func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if !forwardKey(s, ev) {
		s.Select.TypedKey(ev)
	}
}

// keyList is a list that hands on F1 and Escape.
type keyList struct{ widget.List }

// newList is a list, as widget.NewList makes it, that hands on F1 and
// Escape.
func newList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey hands F1 and Escape to the window and other keys to the list.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	if !forwardKey(l, ev) {
		l.List.TypedKey(ev)
	}
}

// keyTable is a table that hands on F1 and Escape.
type keyTable struct{ widget.Table }

// newTable is a table with headers, as widget.NewTableWithHeaders makes
// it, that hands on F1 and Escape.
func newTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *keyTable {
	t := &keyTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow, t.ShowHeaderColumn = true, true
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey hands F1 and Escape to the window and other keys to the table.
func (t *keyTable) TypedKey(ev *fyne.KeyEvent) {
	if !forwardKey(t, ev) {
		t.Table.TypedKey(ev)
	}
}
