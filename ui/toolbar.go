package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// exportFormats are the export formats in the export menu's order.
var exportFormats = []string{"png", "svg", "pdf", "csv"}

// The keyboard shortcuts of the toolbar's actions: Ctrl (Cmd on macOS)
// with a key. About is F1, a plain key.
var (
	shortcutOpen     = ctrl(fyne.KeyO, 0)
	shortcutImport   = ctrl(fyne.KeyI, 0)
	shortcutExport   = ctrl(fyne.KeyE, 0)
	shortcutCopy     = ctrl(fyne.KeyC, fyne.KeyModifierShift)
	shortcutAdd      = ctrl(fyne.KeyN, 0)
	shortcutSettings = ctrl(fyne.KeyComma, 0)
)

// aboutKey opens the About window.
const aboutKey = fyne.KeyF1

// ctrl is the shortcut Ctrl (Cmd on macOS) with key and extra modifiers.
func ctrl(key fyne.KeyName, extra fyne.KeyModifier) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | extra}
}

// action is a toolbar action with its shortcut and the catalogue key of
// what it does, as the About window lists it.
type action struct {
	shortcut *desktop.CustomShortcut
	what     string
	run      func()
}

// actions are the toolbar's actions that have a Ctrl shortcut.
func (u *App) actions() []action {
	return []action{
		{shortcutOpen, "about.key.open", u.chooseDatabase},
		{shortcutImport, "about.key.import", u.chooseImport},
		{shortcutExport, "about.key.export", func() { u.showExport("") }},
		{shortcutCopy, "about.key.copy", u.copyChart},
		{shortcutAdd, "about.key.add", func() { u.editIncident(nil) }},
		{shortcutSettings, "about.key.settings", u.showSettings},
	}
}

// toolbar is the row of labelled buttons above the tabs. Labels rather
// than bare icons, because the people who use the app should not have to
// guess.
func (u *App) toolbar() fyne.CanvasObject {
	l := u.lang
	var export *widget.Button
	export = widget.NewButtonWithIcon(l.T("toolbar.export"), theme.DocumentSaveIcon(), func() {
		var items []*fyne.MenuItem
		for _, f := range exportFormats {
			items = append(items, fyne.NewMenuItem(l.T("export.menu."+f), func() { u.showExport(f) }))
		}
		copyItem := fyne.NewMenuItem(l.T("export.menu.copy"), u.copyChart)
		copyItem.Shortcut = shortcutCopy
		items = append(items, fyne.NewMenuItemSeparator(), copyItem)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(export)
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), u.win.Canvas(),
			pos.AddXY(0, export.Size().Height))
	})
	export.Importance = widget.HighImportance
	u.openBtn = widget.NewButtonWithIcon(l.T("toolbar.open"), theme.FolderOpenIcon(), u.chooseDatabase)
	return container.NewHBox(
		u.openBtn,
		u.importButton(),
		export,
		widget.NewButtonWithIcon(l.T("toolbar.add"), theme.ContentAddIcon(), func() { u.editIncident(nil) }),
		layout.NewSpacer(),
		widget.NewButtonWithIcon(l.T("toolbar.settings"), theme.SettingsIcon(), u.showSettings),
		widget.NewButtonWithIcon(l.T("toolbar.about"), theme.InfoIcon(), u.showAbout),
	)
}

// addShortcuts binds the shortcut of every toolbar action; they do
// nothing while a dialog is open.
func (u *App) addShortcuts() {
	idle := func(fn func()) func() {
		return func() {
			if u.win.Canvas().Overlays().Top() == nil {
				fn()
			}
		}
	}
	for _, a := range u.actions() {
		run := idle(a.run)
		u.win.Canvas().AddShortcut(a.shortcut, func(fyne.Shortcut) { run() })
	}
	about := idle(u.showAbout)
	u.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case aboutKey:
			about()
		case fyne.KeyEscape:
			u.closeTopDialog()
		}
	})
}
