table "child" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "p" {
    null = true
    type = int
  }
  column "q" {
    null = true
    type = int
  }
  column "a" {
    null = true
    type = int
  }
  column "b" {
    null = true
    type = int
  }
  column "up" {
    null = true
    type = int
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "0" {
    columns     = [column.a, column.b]
    ref_columns = [table.parent.column.a, table.parent.column.b]
    on_update   = NO_ACTION
    on_delete   = RESTRICT
    match       = FULL
    deferrable  = true
  }
  foreign_key "1" {
    columns     = [column.p]
    ref_columns = [table.parent.column.id]
    on_update   = SET_NULL
    on_delete   = CASCADE
  }
  foreign_key "2" {
    columns     = [column.up]
    ref_columns = [column.id]
    on_update   = NO_ACTION
    on_delete   = SET_DEFAULT
  }
  foreign_key "child_q" {
    columns            = [column.q]
    ref_columns        = []
    ref_table          = table.parent
    on_update          = NO_ACTION
    on_delete          = NO_ACTION
    deferrable         = true
    initially_deferred = true
  }
}
table "parent" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "a" {
    null = true
    type = int
  }
  column "b" {
    null = true
    type = int
  }
  primary_key {
    columns = [column.id]
  }
  unique "" {
    columns = [column.a, column.b]
  }
}
schema "main" {
}
