package export_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"catracker/data"
	"catracker/data/csvio"
	"catracker/data/sqlite"
	"catracker/internal/chart"
	"catracker/internal/export"
)

const childEnv = "CATRACKER_EXPORT_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(exportChild(spec))
	}
	os.Exit(m.Run())
}

// exportChild writes a large PNG export of the database to the target in
// spec ("db|out"), over and over until it is killed.
func exportChild(spec string) int {
	db, out, _ := strings.Cut(spec, "|")
	st, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		fmt.Println(err)
		return 1
	}
	req := export.Request{Filter: data.Filter{Family: data.Deaths, Period: data.PerMonth}, Format: "png",
		Options: chart.Options{Width: 3508, Height: 2480, Scale: 2}}
	c, err := st.Chart(context.Background(), req.Filter)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	fmt.Println("ready")
	for {
		if err := export.WriteFile(out, c, req); err != nil {
			fmt.Println(err)
			return 1
		}
	}
}

const hostile = "ref,date,area,kind,count,basis,summary,source_outlet,source_title,cited_as,notes\n" +
	"h1,2022-03,TJ,death,4,event,\"Tom & Jerry <script>alert(1)</script> \"\"quoted\"\" 'single'\",Outlet & Co <b>,\"Title '; DROP TABLE incidents; --\",Радио Озодӣ \u202bمرحبا\u202c 🇹🇯,\"notes with \u202e right-to-left override\"\n" +
	"h2,2022-05,Tajikistan,death,10,total,Қазақстан үңөҷ oʻzbek 🙂,\"Outlet \"\"quoted\"\"\",\"%s\",,\n"

func hostileStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	body := fmt.Sprintf(hostile, strings.Repeat("long title ", 455))
	r, err := csvio.NewReader(strings.NewReader(body), "hostile.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(context.Background(), r, nil); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestHostileTextExportsStayValid(t *testing.T) {
	st := hostileStore(t)
	ctx := context.Background()
	stats, err := st.Stats(ctx)
	if err != nil || stats.Incidents != 2 {
		t.Fatalf("the incidents table did not survive: %+v %v", stats, err)
	}
	dir := t.TempDir()
	for _, family := range []data.Family{data.Deaths, data.Timeline} {
		for _, format := range export.Formats {
			req := export.Request{Filter: data.Filter{Family: family, Period: data.PerMonth}, Format: format,
				Options: chart.Options{Width: 800, Height: 500, Scale: 1, Dataset: `data & <"co">.db`}}
			c, err := st.Chart(ctx, req.Filter)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, string(family)+"."+format)
			if err := export.WriteFile(out, c, req); err != nil {
				t.Fatalf("%s %s: %v", family, format, err)
			}
			b, _ := os.ReadFile(out)
			switch format {
			case "svg":
				d := xml.NewDecoder(bytes.NewReader(b))
				for {
					_, err := d.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("%s svg is not valid XML: %v", family, err)
					}
				}
				if family == data.Deaths && !bytes.Contains(b, []byte("Outlet &amp; Co &lt;b&gt;")) {
					t.Errorf("the hostile outlet is not in the SVG footer, escaped")
				}
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF")) || !bytes.Contains(b, []byte("%%EOF")) {
					t.Errorf("%s pdf is not a complete PDF", family)
				}
			case "png":
				if _, err := png.Decode(bytes.NewReader(b)); err != nil {
					t.Errorf("%s png: %v", family, err)
				}
			}
		}
	}
}

func TestHostileTextRoundTripsThroughCSV(t *testing.T) {
	st := hostileStore(t)
	ctx := context.Background()
	list, err := st.Incidents(ctx, data.IncidentQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var full []data.Incident
	for _, inc := range list {
		f, err := st.Incident(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		full = append(full, *f)
	}
	var buf bytes.Buffer
	if err := csvio.WriteIncidents(&buf, full); err != nil {
		t.Fatal(err)
	}
	st2, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "again.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	r, err := csvio.NewReader(&buf, "written.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st2.Import(ctx, r, nil); err != nil {
		t.Fatalf("the written CSV does not import: %v", err)
	}
	for _, inc := range full {
		again, err := st2.Incidents(ctx, data.IncidentQuery{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range again {
			if a.Ref == inc.Ref {
				found = a.Summary == inc.Summary && a.Notes == inc.Notes
			}
		}
		if !found {
			t.Errorf("incident %s changed on the round trip", inc.Ref)
		}
	}
}

// TestKilledExportLeavesOldOrNewFile kills a process that is writing an
// export at several moments: the target must always hold the old file or
// a complete new image, never a part of one.
func TestKilledExportLeavesOldOrNewFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	st, err := sqlite.Open(context.Background(), db, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := csvio.NewReader(strings.NewReader("ref,date,area,kind,count,summary,source_outlet\na,2022-03,TJ,death,4,s,O\n"), "x.csv")
	if _, err := st.Import(context.Background(), r, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	old := []byte("the previous export")
	for _, delay := range []time.Duration{0, 30 * time.Millisecond, 120 * time.Millisecond, 400 * time.Millisecond, 900 * time.Millisecond} {
		out := filepath.Join(dir, fmt.Sprintf("chart-%d.png", delay.Milliseconds()))
		if err := os.WriteFile(out, old, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+db+"|"+out)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 6)
		io.ReadFull(stdout, buf) // "ready\n"
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(b, old) {
			t.Logf("killed after %v: the old file is intact", delay)
		} else {
			t.Logf("killed after %v: a complete new image", delay)
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("killed after %v: the target holds a broken file (%d bytes): %v", delay, len(b), err)
			}
			if img.Bounds().Dx() != 7016 {
				t.Errorf("killed after %v: image width %d, want 7016", delay, img.Bounds().Dx())
			}
		}
	}
}
