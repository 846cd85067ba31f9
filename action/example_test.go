package action_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/schemawatch/schemawatch/action"
)

// mapEnv is the smallest Env: inputs from a map, outputs and logs printed.
type mapEnv map[string]string

func (m mapEnv) Input(name string) string { return strings.TrimSpace(m[name]) }
func (m mapEnv) SetOutput(name, value string) error {
	fmt.Printf("output %s=%s\n", name, value)
	return nil
}
func (mapEnv) Mask(string)    {}
func (mapEnv) RunURL() string { return "" }
func (mapEnv) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{} // keep the example's output stable
			}
			return a
		},
	}))
}

func ExampleRun() {
	greet := &action.Spec{
		ID: "demo/greet",
		Inputs: []action.Input{
			{Name: "name", Required: true},
			{Name: "shout", Kind: action.Bool, Default: "false"},
		},
		Outputs: []action.Output{{Name: "greeting"}},
		Run: func(_ context.Context, env action.Env, in *action.Inputs) error {
			msg := "hello, " + in.String("name")
			if in.Bool("shout") {
				msg = strings.ToUpper(msg)
			}
			env.Logger().Info("greeting", "to", in.String("name"))
			return env.SetOutput("greeting", msg)
		},
	}
	reg, err := action.NewRegistry(greet)
	if err != nil {
		panic(err)
	}
	spec, err := reg.Lookup("demo/greet")
	if err != nil {
		panic(err)
	}
	fmt.Println(action.Run(context.Background(), mapEnv{"name": "ada", "shout": "true"}, spec))
	fmt.Println(action.Run(context.Background(), mapEnv{"shout": "loud"}, spec))
	// Output:
	// level=INFO msg=greeting to=ada
	// output greeting=HELLO, ADA
	// <nil>
	// action: input "name" is required; input "shout": "loud" is not a boolean (use true or false)
}
