package ci_test

import (
	"context"
	"fmt"
	"os"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
)

// ExampleDetect shows what main does: pick the CI from the environment,
// build its Env for the chosen action, run the action and report the end.
func ExampleDetect() {
	vars := map[string]string{"ATLAS_INPUT_NAME": "ada"} // no CI markers: the terminal runs it
	h := ci.Host{Getenv: func(k string) string { return vars[k] }, Stdout: os.Stdout, Stderr: os.Stdout}

	spec := &action.Spec{
		ID:      "demo/greet",
		Inputs:  []action.Input{{Name: "name", Required: true}},
		Outputs: []action.Output{{Name: "greeting"}},
		Run: func(_ context.Context, env action.Env, in *action.Inputs) error {
			env.Logger().Info("greeting " + in.String("name"))
			return env.SetOutput("greeting", "hello, "+in.String("name"))
		},
	}
	adapter, err := ci.Detect(h)
	if err != nil {
		fmt.Println(err)
		return
	}
	env, err := adapter.New(h, spec.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	err = action.Run(context.Background(), env, spec)
	ci.Finish(env, "greeted", err)
	fmt.Println("adapter:", adapter.Name, "error:", err)
	// Output:
	// greeting ada
	// greeting=hello, ada
	// ✔ greeted
	// adapter: terminal error: <nil>
}
