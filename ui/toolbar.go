package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// exportFormats are the export menu's entries: the format and its label.
var exportFormats = []struct{ format, label string }{
	{"png", "PNG image…"},
	{"svg", "SVG image…"},
	{"pdf", "PDF document…"},
	{"csv", "CSV of the plotted numbers…"},
}

// toolbar is the row of labelled buttons above the tabs. Labels rather
// than bare icons, because the people who use the app should not have to
// guess.
func (u *App) toolbar() fyne.CanvasObject {
	var export *widget.Button
	export = widget.NewButtonWithIcon("Export chart", theme.DocumentSaveIcon(), func() {
		items := make([]*fyne.MenuItem, len(exportFormats))
		for i, f := range exportFormats {
			items[i] = fyne.NewMenuItem(f.label, func() { u.showExport(f.format) })
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(export)
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), u.win.Canvas(),
			pos.AddXY(0, export.Size().Height))
	})
	export.Importance = widget.HighImportance
	return container.NewHBox(
		widget.NewButtonWithIcon("Open database", theme.FolderOpenIcon(), u.chooseDatabase),
		widget.NewButtonWithIcon("Import CSV", theme.UploadIcon(), u.chooseImport),
		export,
		widget.NewButtonWithIcon("Add incident", theme.ContentAddIcon(), func() { u.editIncident(nil) }),
		layout.NewSpacer(),
		widget.NewButtonWithIcon("About", theme.InfoIcon(), u.showAbout),
	)
}

// addShortcuts binds Ctrl+O, Ctrl+I, Ctrl+E and Ctrl+N (Cmd on macOS).
func (u *App) addShortcuts() {
	for key, fn := range map[fyne.KeyName]func(){
		fyne.KeyO: u.chooseDatabase,
		fyne.KeyI: u.chooseImport,
		fyne.KeyE: func() { u.showExport("") },
		fyne.KeyN: func() { u.editIncident(nil) },
	} {
		u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) {
				if u.win.Canvas().Overlays().Top() == nil { // not while a dialog is open
					fn()
				}
			})
	}
}
