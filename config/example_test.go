package config_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/schemawatch/schemawatch/config"
)

func ExampleLoad() {
	dir, err := os.MkdirTemp("", "atlas")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	const project = `
variable "password" {
  type    = string
  default = getenv("DB_PASSWORD")
}
env "prod" {
  url     = "postgres://monitor:${urlescape(var.password)}@db:5432/app?sslmode=require"
  schemas = ["public"]
  exclude = ["*.tmp_*"]
}
`
	if err := os.WriteFile(filepath.Join(dir, "atlas.hcl"), []byte(project), 0o644); err != nil {
		panic(err)
	}
	env, err := config.Load(context.Background(), config.LoadOptions{
		URLs: []string{"file://atlas.hcl"},
		Dir:  dir,
		Env:  "prod",
		Getenv: func(name string) string {
			return map[string]string{"DB_PASSWORD": "s3cr#t"}[name]
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(env.Schemas, env.Exclude)
	fmt.Println(len(env.Secrets), "secrets to mask")
	// Output:
	// [public] [*.tmp_*]
	// 2 secrets to mask
}
