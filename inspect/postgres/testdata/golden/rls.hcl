table "notes" {
  schema = schema.public
  row_security {
    enabled  = true
    enforced = true
  }
  column "id" {
    null = false
    type = integer
  }
  column "owner" {
    null    = true
    type    = sql("name")
    default = sql("CURRENT_USER")
  }
  column "body" {
    null = true
    type = text
  }
  column "public" {
    null = true
    type = boolean
  }
  primary_key {
    columns = [column.id]
  }
}
table "secrets" {
  schema = schema.public
  row_security {
    enabled = true
  }
  column "id" {
    null = true
    type = integer
  }
}
policy "notes_all" {
  on    = table.notes
  to    = ["public"]
  using = "true"
}
policy "notes_ins" {
  on    = table.notes
  for   = INSERT
  to    = ["public"]
  check = "(body IS NOT NULL)"
}
policy "notes_read" {
  on    = table.notes
  for   = SELECT
  to    = ["public"]
  using = "(public OR (owner = CURRENT_USER))"
}
policy "notes_write" {
  on    = table.notes
  as    = RESTRICTIVE
  for   = UPDATE
  to    = ["pg_read_all_data", "postgres"]
  using = "(owner = CURRENT_USER)"
  check = "(owner = CURRENT_USER)"
}
schema "public" {
  comment = "standard public schema"
}
