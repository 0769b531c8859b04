package cli

import (
	"context"
	"flag"
	"io"

	"catracker/internal/synth"
)

func runGenerate(ctx context.Context, args []string, env Env) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	rows := fs.Int("rows", 0, "number of incidents")
	out := fs.String("out", "", "output CSV file, or - for standard output")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same file")
	if err := parse(fs, args, env); err != nil {
		return err
	}
	if *rows <= 0 || *out == "" {
		return usagef("generate needs --rows N (N > 0) and --out FILE")
	}
	if err := checkOut(*out, "", env, ""); err != nil {
		return err
	}
	return writeOut(ctx, *out, env, "", func(w io.Writer) error { return synth.Generate(ctx, w, *rows, *seed) })
}
