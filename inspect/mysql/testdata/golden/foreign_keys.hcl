table "child" {
  schema = schema.fixture
  column "id" {
    null = false
    type = int
  }
  column "parent_id" {
    null = true
    type = int
  }
  column "parent_code" {
    null = true
    type = char(2)
  }
  column "up" {
    null = true
    type = int
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "fk_pair" {
    columns     = [column.parent_id, column.parent_code]
    ref_columns = [table.parent.column.id, table.parent.column.code]
    on_update   = RESTRICT
    on_delete   = RESTRICT
  }
  foreign_key "fk_parent" {
    columns     = [column.parent_id]
    ref_columns = [table.parent.column.id]
    on_update   = SET_NULL
    on_delete   = CASCADE
  }
  foreign_key "fk_self" {
    columns     = [column.up]
    ref_columns = [column.id]
    on_update   = RESTRICT
    on_delete   = RESTRICT
  }
  index "fk_pair" {
    columns = [column.parent_id, column.parent_code]
  }
  index "fk_self" {
    columns = [column.up]
  }
}
table "parent" {
  schema = schema.fixture
  column "id" {
    null = false
    type = int
  }
  column "code" {
    null = false
    type = char(2)
  }
  primary_key {
    columns = [column.id]
  }
  index "uq" {
    unique  = true
    columns = [column.id, column.code]
  }
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
