table "both_t" {
  schema = schema.main
  column "k" {
    null = false
    type = int
  }
  column "v" {
    null = true
    type = text
  }
  primary_key {
    columns = [column.k]
  }
  strict        = true
  without_rowid = true
}
table "kv" {
  schema = schema.main
  column "k" {
    null = false
    type = text
  }
  column "v" {
    null = true
    type = text
  }
  primary_key {
    columns = [column.k]
  }
  without_rowid = true
}
table "odd \"name\"" {
  schema = schema.main
  column "select" {
    null = true
    type = int
  }
  column "from" {
    null = true
    type = text
  }
}
table "plain" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "note" {
    null = true
    type = text
  }
}
table "strict_t" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "v" {
    null = true
    type = sql("any")
  }
  column "r" {
    null = true
    type = real
  }
  column "b" {
    null = true
    type = blob
  }
  strict = true
}
schema "main" {
}
