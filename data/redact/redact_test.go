package redact

import (
	"strings"
	"testing"

	"catracker/data"
)

// people are the names of the synthetic tests: Latin and Cyrillic, a
// Kyrgyz patronymic, a name of short parts only, and "Ali", which must
// not withhold "Mali".
var people = []string{"Askar Kubanychbek-uulu", "Kudaabek uulu Almaz", "Ivan Petrov", "IVAN  PETROV",
	"Иван Петров", "José Pérez", "Li Na", "Ali Karimov", "Анна Смирнова"}

func TestTextWithholdsNamesAsWholeWords(t *testing.T) {
	r := New(people, nil)
	for _, c := range []struct{ in, want string }{
		{"Askar Kubanychbek-uulu was sentenced.", "[name withheld] was sentenced."},
		{"ASKAR KUBANYCHBEK-UULU", "[name withheld]"},
		{"askar  kubanychbek-uulu", "[name withheld]"},
		{"Askar\u00a0Kubanychbek-uulu", "[name withheld]"},
		{"Askar\nKubanychbek-uulu", "[name withheld]"},
		{"Askar \r\n\t Kubanychbek - uulu", "[name withheld]"},
		{"Kubanychbek was freed", "[name withheld] was freed"},
		{"the court and Kubanychbek's lawyer", "the court and [name withheld]'s lawyer"},
		{"(kudaabek uulu almaz)", "([name withheld])"},
		{"Almaz spoke", "[name withheld] spoke"},
		{"uulu alone is a particle", "uulu alone is a particle"},
		{"I. Petrov and Petrov.", "[name withheld] and [name withheld]."},
		{"Jose\u0301 Pe\u0301rez", "[name withheld]"}, // decomposed accents
		{"Jose Perez", "[name withheld]"},             // accents left out
		{"José Pérez", "[name withheld]"},
		{"Mali and Somalia, but Ali came", "Mali and Somalia, but [name withheld] came"},
		{"Alice, ALI and ali", "Alice, [name withheld] and [name withheld]"},
		{"Li Na won; Li won; na", "[name withheld] won; Li won; na"},
		{"Ivan ate; Иван ел", "[name withheld] ate; [name withheld] ел"},
		{"суд над Петровым и Петровой, ПЕТРОВУ", "суд над [name withheld] и [name withheld], [name withheld]"},
		{"письмо Анны Смирновой", "письмо [name withheld]"},
		{"Смирновой Анне", "[name withheld]"},
		{"Петрушка и Аннотация", "Петрушка и Аннотация"},
		{"ﬁ Ｉｖａｎ　Ｐｅｔｒｏｖ", "ﬁ [name withheld]"}, // compatibility forms
		{"nobody named", "nobody named"},
	} {
		if got := r.Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestURLWithholdsNamesInSlugs(t *testing.T) {
	r := New(people, nil)
	for _, c := range []struct{ in, want string }{
		{"https://kloop.kg/blog/2023/08/30/askar-kubanychbek-uulu-freed/", "https://kloop.kg/blog/2023/08/30/name-withheld-freed/"},
		{"https://x.org/a?who=Kubanychbek_Askar&x=1", "https://x.org/a?who=name-withheld&x=1"},
		{"https://x.org/news/ivan+petrov", "https://x.org/news/name-withheld"},
		{"https://x.org/%D0%98%D0%B2%D0%B0%D0%BD-%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2-news", "https://x.org/name-withheld-news"},
		{"https://almaz.example.kg/post", "https://name-withheld.example.kg/post"},
		{"https://mali.example/ali-not-here", "https://mali.example/name-withheld-not-here"},
		{"https://kloop.kg/blog/2023/08/30/court-ruling/", "https://kloop.kg/blog/2023/08/30/court-ruling/"},
	} {
		if got := r.URL(c.in); got != c.want {
			t.Errorf("URL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPseudonymsFollowPersonKeys(t *testing.T) {
	r := New([]string{"Ivan Petrov", "IVAN PETROV", "Ivan\u00a0 Petrov", "Baurzhan Urazov", " "}, nil)
	a, b, c := r.Person("Ivan Petrov"), r.Person("ivan\npetrov"), r.Person("Baurzhan Urazov")
	if a != b || !strings.HasPrefix(a, "Person ") {
		t.Errorf("one person has pseudonyms %q and %q", a, b)
	}
	if c == a || !strings.HasPrefix(c, "Person ") {
		t.Errorf("two people have pseudonyms %q and %q", a, c)
	}
	if got := []string{a, c}; !(got[0] == "Person 1" && got[1] == "Person 2" || got[0] == "Person 2" && got[1] == "Person 1") {
		t.Errorf("pseudonyms %v, want Person 1 and Person 2", got)
	}
	again := New([]string{"Baurzhan Urazov", "ivan petrov"}, nil)
	if again.Person("IVAN PETROV") != a || again.Person("baurzhan urazov") != c {
		t.Error("pseudonyms depend on the order or the case of the names given")
	}
	if r.Person("") != "" || r.Person("Someone Else") != NameWithheld {
		t.Errorf("blank or unknown person: %q, %q", r.Person(""), r.Person("Someone Else"))
	}
}

func TestRefsNamingSomeoneGetNeutralUniqueRefs(t *testing.T) {
	refs := []string{"kg-kubanychbek-sentence-2023", "kg-askar-sentence-2023", "kg-person-1-sentence-2023",
		"kg-almaz-investigation-2022", "ca-mali-2022", "kz-ivan_petrov.2024"}
	r := New([]string{"Askar Kubanychbek-uulu", "Kudaabek uulu Almaz", "Ivan Petrov"}, refs)
	n := func(name string) string { return strings.TrimPrefix(r.Person(name), "Person ") }
	askar, almaz, ivan := n("Askar Kubanychbek-uulu"), n("Kudaabek uulu Almaz"), n("Ivan Petrov")
	seen := map[string]bool{}
	for _, ref := range refs {
		got := r.Incident(data.Incident{Ref: ref}).Ref
		if seen[got] {
			t.Errorf("ref %s became %s, which another ref has", ref, got)
		}
		seen[got] = true
	}
	// In the order of the original refs, each takes its neutral ref or the
	// next free one; a natural ref keeps its ref.
	want := map[string]string{
		"kg-askar-sentence-2023":       "kg-person-" + askar + "-sentence-2023",
		"kg-kubanychbek-sentence-2023": "kg-person-" + askar + "-sentence-2023-2",
		"kg-almaz-investigation-2022":  "kg-person-" + almaz + "-investigation-2022",
		"ca-mali-2022":                 "ca-mali-2022",
		"kz-ivan_petrov.2024":          "kz-person-" + ivan + ".2024",
	}
	if askar == "1" {
		want["kg-askar-sentence-2023"] = "kg-person-1-sentence-2023-2"
		want["kg-kubanychbek-sentence-2023"] = "kg-person-1-sentence-2023-3"
	}
	for ref, w := range want {
		if got := r.Incident(data.Incident{Ref: ref}).Ref; got != w {
			t.Errorf("ref %s became %s, want %s", ref, got, w)
		}
	}
	if again := New([]string{"Ivan Petrov", "Kudaabek uulu Almaz", "Askar Kubanychbek-uulu"}, refs); again.ref(refs[0]) != r.ref(refs[0]) {
		t.Error("neutral refs change from one run to the next")
	}
}

func TestIncidentWithholdsNamesInEveryField(t *testing.T) {
	r := New(people, []string{"kg-petrov-2023"})
	inc := data.Incident{Ref: "kg-petrov-2023", Person: "IVAN PETROV", Summary: "Ivan  Petrov was detained.",
		Notes: "See Petrov's case; Mali stays.",
		Sources: []data.Source{{Outlet: "Petrov Daily", Title: "Court hears Ivan\nPetrov", Author: "Анна Смирнова",
			URL: "https://news.kg/ivan-petrov-case", CitedAs: "Ivan Petrov's blog, 2023-01-02"}}}
	got := r.Incident(inc)
	for field, v := range map[string]string{"ref": got.Ref, "person": got.Person, "summary": got.Summary, "notes": got.Notes,
		"outlet": got.Sources[0].Outlet, "title": got.Sources[0].Title, "author": got.Sources[0].Author,
		"url": got.Sources[0].URL, "cited_as": got.Sources[0].CitedAs} {
		if l := strings.ToLower(v); strings.Contains(l, "petrov") || strings.Contains(l, "ivan") || strings.Contains(v, "Смирнов") {
			t.Errorf("%s still names someone: %q", field, v)
		}
	}
	if !strings.Contains(got.Notes, "Mali stays") || got.Sources[0].Outlet != "[name withheld] Daily" {
		t.Errorf("withheld too much: notes %q, outlet %q", got.Notes, got.Sources[0].Outlet)
	}
	if inc.Sources[0].Title != "Court hears Ivan\nPetrov" {
		t.Error("Incident changed its argument's sources")
	}
	var none *Redactor
	if got := none.Incident(inc); got.Person != inc.Person || got.Summary != inc.Summary || none.Text("Ivan") != "Ivan" {
		t.Error("a nil redactor changed an incident")
	}
	if New(nil, nil).Text("Ivan Petrov") != "Ivan Petrov" {
		t.Error("a redactor without names changed text")
	}
}

func TestChartWithholdsNamesInWhatItDraws(t *testing.T) {
	r := New(people, nil)
	c := &data.Chart{Outlets: []string{"Radio Azattyk", "Ivan Petrov's blog", "IVAN PETROV's blog"},
		Points:    []data.Point{{Summary: "Petrov signed a contract"}},
		Series:    []data.Series{{Code: "x", Label: "Channel of Askar"}},
		Estimates: []data.EstimatedFigure{{Label: "Almaz, estimate"}}}
	got := r.Chart(c)
	if want := []string{"Radio Azattyk", "[name withheld]'s blog"}; strings.Join(got.Outlets, "|") != strings.Join(want, "|") {
		t.Errorf("outlets %q, want %q", got.Outlets, want)
	}
	if got.Points[0].Summary != "[name withheld] signed a contract" || got.Series[0].Label != "Channel of [name withheld]" ||
		got.Estimates[0].Label != "[name withheld], estimate" {
		t.Errorf("chart texts: %+v %+v %+v", got.Points, got.Series, got.Estimates)
	}
	if c.Points[0].Summary != "Petrov signed a contract" {
		t.Error("Chart changed its argument")
	}
}
