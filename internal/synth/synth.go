// Package synth generates synthetic incidents in the import format, with a
// fixed seed, so that performance figures can be reproduced anywhere.
package synth

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/sqlite"
)

// Generate writes n synthetic incidents in the import format. The spread
// over areas, kinds, channels and dates resembles the curated data, and a
// fixed seed gives the same file every time, so performance figures can be
// reproduced anywhere.
func Generate(ctx context.Context, w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	cw := csv.NewWriter(w)
	if err := cw.Write(csvio.Columns); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	areas := []data.Area{data.KZ, data.KG, data.KG, data.TJ, data.TJ, data.UZ, data.UZ, data.UZ, data.TM, data.CA, data.RU}
	kinds := []data.Kind{data.Death, data.Death, data.Death, data.Prosecution, data.Prosecution,
		data.Recruitment, data.Recruitment, data.Recruitment, data.Captured, data.Warning, data.Policy}
	first := 2022*12 + 1 // February 2022
	span := 48
	people := max(n/8, 1)
	outlets := []string{"Radio Azattyk", "Kloop.kg", "Asia-Plus", "Vlast.kz", "Gazeta.uz", "Eurasianet",
		"The Diplomat", "Global Voices", "Jamestown Foundation", "Nikkei Asia", "CABAR.asia", "Mediazona"}
	for i := range n {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		area := areas[rng.IntN(len(areas))]
		kind := kinds[rng.IntN(len(kinds))]
		if area == data.RU && kind != data.Recruitment {
			kind = data.Policy
		}
		m := first + rng.IntN(span)
		d := data.Date{Year: m / 12, Month: m%12 + 1, Day: 1 + rng.IntN(28)}
		if rng.IntN(4) == 0 {
			d.Day = 0 // known to the month only
		}
		inc := data.Incident{Ref: fmt.Sprintf("gen-%d-%07d", seed, i), Date: d, Area: area, Kind: kind, Basis: data.Event}
		count := 1 + rng.IntN(3)
		switch kind {
		case data.Death:
			if rng.IntN(10) == 0 {
				inc.Basis, count = data.AtLeast, 5+rng.IntN(40)*(m-first+1)/8
			}
			inc.Count = &count
			inc.Side = data.Russia
			if rng.IntN(10) == 0 {
				inc.Side = data.Ukraine
			}
		case data.Prosecution:
			inc.Stage = data.Stages[rng.IntN(len(data.Stages))]
			inc.Person = fmt.Sprintf("Person %d", rng.IntN(people))
			inc.Count = &count
		case data.Recruitment:
			inc.Channel = data.Channels[rng.IntN(len(data.Channels))].Code
		}
		inc.Summary = fmt.Sprintf("Synthetic %s incident number %d for performance tests.", kind, i)
		outlet := outlets[rng.IntN(len(outlets))]
		inc.Sources = []data.Source{{Outlet: outlet, Title: fmt.Sprintf("%s report %d", outlet, rng.IntN(500)),
			Published: data.Date{Year: d.Year, Month: d.Month}}}
		if err := cw.Write(csvio.Record(&inc)); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	return nil
}

// CachedDB returns the path of a database holding n synthetic incidents
// made with seed. It is built once, in a folder under the system's
// temporary folder, and reused by later benchmark runs; the name carries
// the schema version so an upgrade builds a fresh one.
func CachedDB(ctx context.Context, n int, seed uint64) (string, error) {
	dir := filepath.Join(os.TempDir(), "catracker-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("benchmark folder: %w", err)
	}
	path := filepath.Join(dir, fmt.Sprintf("gen-%d-seed%d-v%d.db", n, seed, sqlite.SchemaVersion()))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".new"
	os.Remove(tmp)
	st, err := sqlite.Open(ctx, tmp, sqlite.Options{Create: true, SingleUser: true})
	if err != nil {
		return "", err
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(Generate(ctx, pw, n, seed)) }()
	r, err := csvio.NewReader(bufio.NewReader(pr), "generated.csv")
	if err == nil {
		_, err = st.Import(ctx, r, nil)
	}
	pr.Close()
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("build benchmark database: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("build benchmark database: %w", err)
	}
	return path, nil
}
