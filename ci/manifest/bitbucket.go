package manifest

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/schemawatch/schemawatch/action"
	"github.com/schemawatch/schemawatch/ci"
)

// Pipe renders spec as a Bitbucket pipe.yml: the image, the metadata a pipe
// listing shows, and one variable per input as the bitbucket adapter reads
// it (ATLAS_INPUT_<NAME>), plus ATLAS_ACTION defaulting to the action and
// the DEBUG switch every pipe has. Variables with a default list it; the
// default is applied by the action on every CI anyway.
//
// See https://support.atlassian.com/bitbucket-cloud/docs/write-a-pipe-for-bitbucket-pipelines/
func Pipe(spec *action.Spec, m Meta) ([]byte, error) {
	if err := checkInputNames(spec); err != nil {
		return nil, err
	}
	who := mapping("name", m.Project, "website", m.Repository)
	vars := seq(mapping("name", "ATLAS_ACTION", "default", quoted(spec.ID)))
	for _, in := range spec.Inputs {
		v := mapping("name", ci.InputVar(in.Name))
		if in.Default != "" {
			v.Content = append(v.Content, str("default"), quoted(in.Default))
		}
		vars.Content = append(vars.Content, v)
	}
	vars.Content = append(vars.Content, mapping("name", "DEBUG", "default", quoted("false")))
	doc := mapping(
		"name", fmt.Sprintf("%s %s", m.Project, spec.ID),
		"image", m.ImageRef(),
		"description", spec.Description,
		"category", "Monitoring",
		"repository", m.Repository,
		"maintainer", who,
		"vendor", mapping("name", m.Project, "website", m.Repository),
		"tags", flow(seq("database", "schema", "monitoring", "drift", "postgresql", "mysql", "mariadb", "sqlite", "atlas")),
		"variables", vars,
	)
	doc.HeadComment = m.header("Bitbucket pipe " + spec.ID)
	return encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc}})
}

// PipeReadme renders the pipe's README in the layout Atlassian's pipes use:
// the YAML definition, a variables table with required ones marked (*),
// prerequisites, examples and what to send when asking for support.
func PipeReadme(spec *action.Spec, m Meta) ([]byte, error) {
	type row struct{ Var, Usage string }
	var rows []row
	var required, optional []string
	for _, in := range spec.Inputs {
		name := ci.InputVar(in.Name)
		if in.Required {
			name += " (*)"
		}
		usage := describe(in)
		if in.Default != "" {
			usage += fmt.Sprintf(" Default: `%s`.", in.Default)
		}
		rows = append(rows, row{name, cell(usage)})
		line := fmt.Sprintf("%s: $%s", ci.InputVar(in.Name), ci.AtlasName(in.Name))
		if in.Required {
			required = append(required, line)
		} else {
			optional = append(optional, "# "+ci.InputVar(in.Name)+": \"<string>\"")
		}
	}
	var outs []row
	for _, o := range spec.Outputs {
		v, err := ci.OutputVar(spec.ID, o.Name)
		if err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
		outs = append(outs, row{v, cell(o.Description)})
	}
	var b bytes.Buffer
	err := readme.Execute(&b, map[string]any{
		"M": m, "Spec": spec, "Rows": rows, "Outs": outs,
		"Required": required, "Optional": optional,
	})
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return b.Bytes(), nil
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}

var readme = template.Must(template.New("readme").Parse(`<!-- Generated from the action registry by {{.M.Regenerate}}. DO NOT EDIT. -->
# Bitbucket Pipelines pipe: {{.M.Project}} {{.Spec.ID}}

{{.Spec.Description}}

A drop-in for Atlas's ` + "`monitor/schema`" + ` pipe: the same variables, the same
outputs file, the same snapshot API. Variables this pipe does not list (such
as Atlas's ` + "`ATLAS_INPUT_COLLECT_STATS`" + `) are ignored.

## YAML Definition

Add the following snippet to the script section of your ` + "`bitbucket-pipelines.yml`" + `:

` + "```yaml" + `
- pipe: docker://{{.M.ImageRef}}
  variables:
    ATLAS_ACTION: "{{.Spec.ID}}"
{{- range .Required}}
    {{.}}
{{- end}}
{{- range .Optional}}
    {{.}}
{{- end}}
    # DEBUG: "<boolean>" # Optional
` + "```" + `

## Variables

| Variable | Usage |
|---|---|
| ATLAS_ACTION (*) | The action to run: ` + "`{{.Spec.ID}}`" + `. |
{{- range .Rows}}
| {{.Var}} | {{.Usage}} |
{{- end}}
| DEBUG | Print debug lines. Default: ` + "`false`" + `. |

_(*) = required variable._

List variables take one item per line (a YAML block scalar), or a YAML
list, which Bitbucket passes as ` + "`NAME_COUNT`" + ` and ` + "`NAME_0`" + `…; both work.

## Outputs

Outputs are appended to ` + "`$BITBUCKET_CLONE_DIR/.atlas-action/outputs.sh`" + `
(or ` + "`$ATLAS_OUTPUT_DIR/outputs.sh`" + `) as ` + "`export`" + ` lines; ` + "`source`" + ` it in a
later script line, or list it under ` + "`artifacts`" + ` to reach later steps.

| Variable | Description |
|---|---|
{{- range .Outs}}
| {{.Var}} | {{.Usage}} |
{{- end}}

## Prerequisites

- A database user that can read the catalog (e.g. PostgreSQL ` + "`pg_read_all_data`" + `
  or ` + "`SELECT`" + ` grants; MySQL ` + "`SELECT, SHOW VIEW`" + `), reachable from Bitbucket's runners.
- A token of the monitoring service: an Atlas Cloud bot token, or one made by
  ` + "`schemawatch token create`" + ` on your own server; store it as a secured
  repository variable.

## Examples

Basic, on a schedule (create the schedule for the custom pipeline in
Repository settings → Schedules):

` + "```yaml" + `
pipelines:
  custom:
    monitor-schema:
      - step:
          name: Monitor the production schema
          script:
            - pipe: docker://{{.M.ImageRef}}
              variables:
                ATLAS_ACTION: "{{.Spec.ID}}"
                ATLAS_INPUT_CLOUD_TOKEN: $SCHEMAWATCH_TOKEN
                ATLAS_INPUT_URL: $DATABASE_URL
            - source .atlas-action/outputs.sh
            - echo "Schema at $ATLAS_OUTPUT_MONITOR_SCHEMA_URL"
` + "```" + `

Advanced: the URL from ` + "`atlas.hcl`" + `, two schemas, a stable slug, your own server:

` + "```yaml" + `
- pipe: docker://{{.M.ImageRef}}
  variables:
    ATLAS_ACTION: "{{.Spec.ID}}"
    ATLAS_INPUT_CLOUD_TOKEN: $SCHEMAWATCH_TOKEN
    ATLAS_INPUT_CLOUD_URL: https://schemawatch.internal.example.com
    ATLAS_INPUT_CONFIG: file://atlas.hcl
    ATLAS_INPUT_ENV: prod
    ATLAS_INPUT_SLUG: shop-prod
    ATLAS_INPUT_SCHEMAS: |
      public
      billing
` + "```" + `

## Support

Open an issue at {{.M.Repository}}/issues with the image tag you ran
(` + "`docker run --rm {{.M.ImageRef}} version`" + ` prints it), the step's log with
` + "`DEBUG: \"true\"`" + `, and the database kind and version. The log never holds the
token or the database password; check before you paste anything else.
`))
