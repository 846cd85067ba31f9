# A project file for monitor/schema's config and env inputs (the same file
# Atlas reads): the URL is built from environment variables, so the password
# stays in the CI's secret store and out of the repository.
#
#   GitHub:    config: file://atlas.hcl   env: prod
#   GitLab:    config: file://atlas.hcl   env: prod
#   Bitbucket: ATLAS_INPUT_CONFIG: file://atlas.hcl   ATLAS_INPUT_ENV: prod
#
# Variables are set with the vars input: {"db_name": "shop"}.

variable "db_name" {
  type    = string
  default = "app"
}

locals {
  # urlescape keeps a password with '@', '/' or ':' in one piece.
  password = urlescape(getenv("DB_PASSWORD"))
}

env "prod" {
  url     = "postgres://monitor:${local.password}@${getenv("DB_HOST")}:5432/${var.db_name}?sslmode=require"
  schemas = ["public", "billing"]
  exclude = ["*.tmp_*"]
}

# A read replica in another region, watched as its own database.
env "replica" {
  url     = "postgres://monitor:${local.password}@${getenv("DB_REPLICA_HOST")}:5432/${var.db_name}?sslmode=require"
  schemas = ["public"]
}
