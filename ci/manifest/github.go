package manifest

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/action"
)

// GitHub renders spec as a GitHub Action's action.yml: a Docker action
// pulling m.ImageRef() with ATLAS_ACTION naming the action. The runner gives
// a Docker action every input as INPUT_<NAME> (hyphens kept), which the
// github adapter reads, so no input mapping is written. Default values are
// written for the runner to apply as well; "required" is documentation only
// (the runner does not enforce it; the action does).
//
// The image runs as root, as GitHub requires of Docker actions: the
// workspace and file-command files belong to the runner's user.
//
// See https://docs.github.com/en/actions/reference/metadata-syntax-for-github-actions
func GitHub(spec *action.Spec, m Meta) ([]byte, error) {
	if err := checkInputNames(spec); err != nil {
		return nil, err
	}
	inputs := mapping()
	for _, in := range spec.Inputs {
		def := mapping("description", describe(in), "required", in.Required)
		if in.Default != "" {
			def.Content = append(def.Content, str("default"), quoted(in.Default))
		}
		inputs.Content = append(inputs.Content, str(in.Name), def)
	}
	outputs := mapping()
	for _, out := range spec.Outputs {
		outputs.Content = append(outputs.Content, str(out.Name), mapping("description", out.Description))
	}
	doc := mapping(
		"name", fmt.Sprintf("%s %s", m.Project, spec.ID),
		"description", spec.Description,
		"author", m.Project,
		"branding", mapping("icon", "database", "color", "blue"),
		"inputs", inputs,
		"outputs", outputs,
		"runs", mapping(
			"using", "docker",
			"image", "docker://"+m.ImageRef(),
			"env", mapping("ATLAS_ACTION", spec.ID),
		),
	)
	doc.HeadComment = m.header("GitHub Action " + spec.ID)
	return encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}})
}
