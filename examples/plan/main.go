// Command plan plans a titre professionnel exam session from its
// déroulé-type (docs/planning.md): it reads the planning input as JSON from a
// file or standard input and writes the plan as JSON, or with -text the
// printable déroulé de session to display in the exam rooms.
//
//	go run ./examples/plan session/plan/testdata/CDA-N12-tight-H420-typical.min_juries.json
//	go run ./examples/plan -text < input.json
//
// It exits with status 1 on bad input (the errors name the fields) and
// prints the infeasible answer, which says which limit binds, as any plan.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tpsession/tpsession"
	"github.com/tpsession/tpsession/adapters/documents"
	"github.com/tpsession/tpsession/session/plan"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "plan:", err)
		var e *tpsession.Error
		if errors.As(err, &e) {
			for _, f := range e.Fields {
				fmt.Fprintf(os.Stderr, "  %s: %s\n", f.Field, f.Message)
			}
		}
		os.Exit(1)
	}
}

// maxInput bounds what is read: a planning input is a few kilobytes.
const maxInput = 1 << 20

func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	text := fs.Bool("text", false, "print the déroulé de session instead of the JSON plan")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "usage: plan [-text] [input.json]   (the input on stdin when no file is given)")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil
		}
		return fmt.Errorf("%w (usage: plan [-text] [input.json])", err)
	}
	src := stdin
	switch fs.NArg() {
	case 0:
	case 1:
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		src = f
	default:
		return errors.New("give at most one input file (usage: plan [-text] [input.json])")
	}
	data, err := io.ReadAll(io.LimitReader(src, maxInput+1))
	if err != nil {
		return err
	}
	if len(data) > maxInput {
		return fmt.Errorf("the input is larger than %d bytes", maxInput)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	in, err := plan.Decode(bytes.NewReader(data))
	if err != nil {
		return err
	}
	p, err := plan.Compute(in)
	if err != nil {
		return err
	}
	if *text {
		return documents.WriteDeroule(stdout, plan.NewSchedule(in, p))
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", " ")
	return enc.Encode(p)
}
