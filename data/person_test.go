package data

import "testing"

func TestPersonKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Ivan Petrov", "IVAN PETROV"},
		{"Ivan Petrov", "  ivan\u00a0\u00a0petrov\n"},
		{"Ivan Petrov", "Ivan\r\nPetrov"},
		{"Иван Петров", "ИВАН ПЕТРОВ"},
		{"Café Noir", "Cafe\u0301 noir"},
		{"Straße", "STRASSE"},
		{"Ｉｖａｎ", "ivan"}, // full-width letters
	}
	for _, tt := range tests {
		if ka, kb := PersonKey(tt.a), PersonKey(tt.b); ka != kb {
			t.Errorf("PersonKey(%q) = %q, PersonKey(%q) = %q; want equal", tt.a, ka, tt.b, kb)
		}
	}
	for _, pair := range [][2]string{{"Ivan Petrov", "Ivan Petrova"}, {"Almaz", "Alma"}, {"Иван", "Иванов"}} {
		if PersonKey(pair[0]) == PersonKey(pair[1]) {
			t.Errorf("PersonKey(%q) equals PersonKey(%q); two people must stay apart", pair[0], pair[1])
		}
	}
}

// TestPersonKeyConcurrent calls PersonKey from many goroutines, as the
// store and the redactor do; run with -race it finds shared state.
func TestPersonKeyConcurrent(t *testing.T) {
	done := make(chan string)
	for range 8 {
		go func() {
			k := ""
			for range 200 {
				k = PersonKey("ИВАН  Petrov Straße")
			}
			done <- k
		}()
	}
	for range 8 {
		if k := <-done; k != "иван petrov strasse" {
			t.Errorf("PersonKey = %q", k)
		}
	}
}
