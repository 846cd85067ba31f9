table "alias" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "v" {
    null = true
    type = text
  }
  primary_key {
    columns = [column.id]
  }
}
table "auto" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "v" {
    null = true
    type = text
  }
  primary_key {
    columns        = [column.id]
    auto_increment = true
  }
}
table "composite" {
  schema = schema.main
  column "a" {
    null = true
    type = text
  }
  column "b" {
    null = true
    type = int
  }
  primary_key "composite_pk" {
    on_conflict = REPLACE
    on {
      desc   = true
      column = column.b
    }
    on {
      column  = column.a
      collate = "NOCASE"
    }
  }
}
table "textpk" {
  schema = schema.main
  column "code" {
    null = false
    type = text
  }
  primary_key {
    columns     = [column.code]
    on_conflict = IGNORE
  }
}
schema "main" {
}
