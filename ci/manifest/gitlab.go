package manifest

import (
	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
)

// Component inputs that configure the job rather than the action. An action
// input of one of these names is refused.
const (
	InputJobName = "job-name"
	InputStage   = "stage"
	InputImage   = "image"
	InputVersion = "version"
)

// GitLab renders spec as a GitLab CI/CD component (templates/<name>.yml): a
// spec:inputs header (the job's name, stage, image and tag, then every
// action input) and one job that copies each input into the ATLAS_INPUT_*
// variable the gitlab adapter reads, runs the binary, and hands the outputs
// to later jobs as a dotenv report. The job runs by itself in scheduled
// pipelines and is a manual, non-blocking job otherwise.
//
// Booleans are `type: boolean`. List inputs stay strings, one item per line:
// a `type: array` input cannot become a job variable (variables hold
// scalars, and an array inserted into a string is printed in Ruby's
// notation, which is no stable format to parse).
//
// Inputs are interpolated when the pipeline is created, into variables that
// GitLab expands when the job starts; secrets are therefore passed as
// references to masked CI/CD variables ($SCHEMAWATCH_TOKEN), never inline.
//
// See https://docs.gitlab.com/ci/components/ and https://docs.gitlab.com/ci/yaml/inputs/
func GitLab(spec *action.Spec, m Meta) ([]byte, error) {
	if err := checkInputNames(spec, InputJobName, InputStage, InputImage, InputVersion); err != nil {
		return nil, err
	}
	inputs := mapping(
		InputJobName, mapping("default", ComponentName(spec.ID), "description", "Name of the job."),
		InputStage, mapping("default", "test", "description", "Stage the job runs in."),
		InputImage, mapping("default", m.Image, "description", "Image holding the "+m.Project+" binary (a mirror's, on an instance without access to the public registry)."),
		InputVersion, mapping("default", m.Tag, "description", "Tag of the image: the moving major version, a release (v1.2.3) or a digest-pinned tag."),
	)
	vars := mapping("ATLAS_ACTION", quoted(spec.ID))
	for _, in := range spec.Inputs {
		def := mapping()
		switch {
		case in.Kind == action.Bool:
			def.Content = append(def.Content, str("type"), str("boolean"))
			if in.Default != "" {
				def.Content = append(def.Content, str("default"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: in.Default})
			}
		case in.Required && in.Default == "":
			// No default: GitLab makes the input mandatory.
		default:
			def.Content = append(def.Content, str("default"), quoted(in.Default))
		}
		d := describe(in)
		if in.Secret {
			d += " Pass a masked CI/CD variable, e.g. $SCHEMAWATCH_TOKEN, not the value itself."
		}
		def.Content = append(def.Content, str("description"), str(d))
		inputs.Content = append(inputs.Content, str(in.Name), def)
		vars.Content = append(vars.Content, str(ci.InputVar(in.Name)), quoted("$[[ inputs."+in.Name+" ]]"))
	}
	header := mapping("spec", mapping("inputs", inputs))
	header.HeadComment = m.header("GitLab CI/CD component " + spec.ID)

	job := mapping(
		"stage", quoted("$[[ inputs."+InputStage+" ]]"),
		"image", mapping(
			"name", quoted("$[[ inputs."+InputImage+" ]]:$[[ inputs."+InputVersion+" ]]"),
			// The image's entrypoint is the binary; GitLab needs a shell.
			"entrypoint", flow(seq(quoted(""))),
		),
		"variables", vars,
		"script", seq(m.Project+" run"),
		"artifacts", mapping("reports", mapping("dotenv", ".env")),
		"rules", seq(
			mapping("if", `$CI_PIPELINE_SOURCE == "schedule"`),
			mapping("when", "manual", "allow_failure", true),
		),
	)
	jobs := mapping()
	jobs.Content = append(jobs.Content, quoted("$[[ inputs."+InputJobName+" ]]"), job)
	return encode(
		&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{header}},
		&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{jobs}},
	)
}
