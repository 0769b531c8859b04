package ui

import (
	"strings"
	"testing"

	"catracker/i18n"
)

// The problems of a file that cannot be imported are listed in the app's
// language, quoting the file's values: a date, a country, a count, the
// parts of a source column, a ref used twice, a missing stage and summary,
// and a quote left open, placed by its line and character.
func TestImportProblemsAreInTheAppsLanguage(t *testing.T) {
	want := map[i18n.Language][]string{
		i18n.English: {
			`Date "2023-02-30" is not a date: February 2023 has 28 days.`,
			`Unknown country "XX" (use KZ, KG, TJ, UZ, TM, CA, RU or a country name).`,
			`Count "two" must be a whole number of people, 0 or more, or blank if unknown.`,
			`Source_title has 1 parts separated by "|" but source_outlet has 2; give one per source.`,
			`Ref "t-1" is also used in row 2; each incident needs its own ref.`,
			`A prosecution needs a stage (investigation, detention, charge, sentence, retrial, acquittal).`,
			`Summary is required.`,
			`Row 4 (line 4 of the file, character 32)`,
			`A quote (") is left open or stray; put quotes around the whole cell and double any quote inside it.`,
		},
		i18n.Russian: {
			`"2023-02-30" — не дата: в месяце фев 2023 всего 28 дней.`,
			`Неизвестная страна "XX" (пишите KZ, KG, TJ, UZ, TM, CA, RU или название страны).`,
			`Число "two" должно быть целым числом людей, 0 или больше, или пустым, если оно неизвестно.`,
			`В столбце source_title 1 часть через "|", а изданий в source_outlet: 2; дайте по одной части на источник.`,
			`Идентификатор "t-1" уже есть в строке 2; у каждого инцидента должен быть свой идентификатор.`,
			`Для уголовного дела нужна стадия (investigation, detention, charge, sentence, retrial, acquittal).`,
			`Нужно краткое описание.`,
			`Строка 4 (строка файла 4, символ 32)`,
			`Кавычка (") не закрыта или лишняя; возьмите в кавычки всю ячейку, а кавычки внутри неё удвойте.`,
		},
	}
	eachLanguage(t, func(t *testing.T, h *harness, l i18n.Language) {
		bad := writeCSV(t, "ref,date,area,kind,count,summary,source_outlet,source_title\n"+
			"t-1,2023-02-30,XX,death,two,s,A | B,T\n"+
			"t-1,2023-01-01,KZ,prosecution,,,O,\n"+
			"t-3,2023-01-01,KZ,death,1,s,\"O\n")
		do(func() { h.u.importFile(bad) })
		h.waitText(l.T("import.notImported"))
		text := h.screenTextNow()
		for _, line := range want[l] {
			if !strings.Contains(text, line+"\n") {
				t.Errorf("the problems do not say %q:\n%s", line, text)
			}
		}
		for other, lines := range want {
			for _, line := range lines {
				if other != l && strings.Contains(text, line) {
					t.Errorf("the problems in %s say %q in %s", l, line, other)
				}
			}
		}
	})
}
