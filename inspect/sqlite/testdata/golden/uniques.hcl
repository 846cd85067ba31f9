table "u" {
  schema = schema.main
  column "a" {
    null = true
    type = text
  }
  column "b" {
    null = true
    type = int
  }
  column "c" {
    null    = true
    type    = text
    collate = "NOCASE"
  }
  column "d" {
    null = true
    type = int
  }
  unique "" {
    columns = [column.a]
  }
  unique "" {
    on {
      desc   = true
      column = column.c
    }
    on {
      column = column.d
    }
  }
  unique "u_b" {
    columns     = [column.b]
    on_conflict = FAIL
  }
  unique "u_cd" {
    on {
      column = column.d
    }
    on {
      column  = column.c
      collate = "BINARY"
    }
  }
}
schema "main" {
}
