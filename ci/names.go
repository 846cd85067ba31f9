package ci

import (
	"fmt"
	"strings"
)

// AtlasName spells an input, action or output name the way Atlas's
// ATLAS_INPUT_* and ATLAS_OUTPUT_* variables do: upper case, with '-', '/'
// and ' ' turned into '_' ("cloud-token" → "CLOUD_TOKEN").
func AtlasName(name string) string {
	return strings.ToUpper(strings.NewReplacer("-", "_", "/", "_", " ", "_").Replace(name))
}

// InputVar returns the variable Bitbucket, GitLab and the terminal read an
// input from: "ATLAS_INPUT_" + AtlasName(name).
func InputVar(name string) string {
	return "ATLAS_INPUT_" + AtlasName(name)
}

// OutputVar returns the variable an output is published as on Bitbucket and
// GitLab: "ATLAS_OUTPUT_" + AtlasName(actionID + "_" + name), e.g.
// ATLAS_OUTPUT_MONITOR_SCHEMA_URL. It fails when the result is not a
// portable variable name, since shells and dotenv readers reject it.
func OutputVar(actionID, name string) (string, error) {
	v := "ATLAS_OUTPUT_" + AtlasName(actionID+"_"+name)
	for i, r := range v {
		ok := r == '_' || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return "", fmt.Errorf("ci: output %q of action %q makes %q, which is not a variable name (use letters, digits, '-', '_')", name, actionID, v)
		}
	}
	return v, nil
}
