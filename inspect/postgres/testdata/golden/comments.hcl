table "t" {
  schema  = schema.app
  comment = "it's a table"
  row_security {
    enabled = true
  }
  column "id" {
    null = false
    type = integer
  }
  column "v" {
    null    = true
    type    = text
    comment = "value\non two lines"
  }
  column "r" {
    null = true
    type = integer
  }
  primary_key {
    columns = [column.id]
    comment = "pk"
  }
  foreign_key "t_r_fkey" {
    columns     = [column.r]
    ref_columns = [column.id]
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
    comment     = "fk"
  }
  index "t_v_idx" {
    comment = "ix"
    on {
      expr = "lower(v)"
    }
  }
  check "t_v_check" {
    expr    = "(v <> ''::text)"
    comment = "ck"
  }
  unique "t_v_key" {
    columns = [column.v]
    comment = "uk"
  }
}
enum "color" {
  schema  = schema.app
  values  = ["red"]
  comment = "colours"
}
domain "pos" {
  schema  = schema.app
  type    = integer
  null    = true
  comment = "positive"
  check "pos_check" {
    expr    = "(VALUE > 0)"
    comment = "must be > 0"
  }
}
composite "pair" {
  schema  = schema.app
  comment = "a pair"
  field "a" {
    type    = integer
    comment = "first"
  }
  field "b" {
    type = integer
  }
}
sequence "seq" {
  schema  = schema.app
  type    = bigint
  comment = "numbers"
}
materialized "mv" {
  schema  = schema.app
  comment = "matview"
  column "id" {
    null = true
    type = integer
  }
  as = " SELECT t.id\n   FROM app.t;"
}
view "v" {
  schema  = schema.app
  comment = "view"
  column "id" {
    null    = true
    type    = integer
    comment = "view col"
  }
  as = " SELECT t.id\n   FROM app.t;"
}
function "f" {
  schema     = schema.app
  lang       = PLpgSQL
  return     = sql("trigger")
  volatility = VOLATILE
  as         = " BEGIN RETURN NEW; END "
}
function "g" {
  schema     = schema.app
  lang       = SQL
  args       = "x integer DEFAULT 2, VARIADIC y text[] DEFAULT '{}'::text[]"
  return     = integer
  volatility = VOLATILE
  comment    = "fn with \\ backslash"
  as         = " SELECT x "
}
procedure "p" {
  schema  = schema.app
  lang    = SQL
  comment = "proc"
  as      = " SELECT 1 "
}
trigger "t_tr" {
  on      = table.t
  for     = ROW
  comment = "tr"
  before {
    insert = true
  }
  execute {
    call = "app.f()"
  }
}
policy "t_pol" {
  on      = table.t
  to      = ["public"]
  using   = "true"
  comment = "pol"
}
extension "pgcrypto" {
  schema  = schema.app
  version = "1.3"
  comment = "crypto, commented"
}
schema "app" {
  comment = "the application"
}
schema "public" {
  comment = "changed public comment"
}
