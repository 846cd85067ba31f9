table "items" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "name" {
    null    = true
    type    = text
    collate = "NOCASE"
  }
  column "price" {
    null = true
    type = real
  }
  column "tags" {
    null = true
    type = text
  }
  column "deleted" {
    null = true
    type = int
  }
  primary_key {
    columns = [column.id]
  }
  index "items_json" {
    on {
      expr = "json_extract(tags, '$.kind')"
    }
  }
  index "items_live" {
    columns = [column.price]
    where   = "deleted IS NULL AND price > 0"
  }
  index "items_lower" {
    on {
      desc    = true
      expr    = "lower(tags)"
      collate = "NOCASE"
    }
    on {
      expr = "length(name)"
    }
  }
  index "items_name" {
    columns = [column.name]
  }
  index "items_name_price" {
    unique = true
    on {
      column  = column.name
      collate = "BINARY"
    }
    on {
      desc   = true
      column = column.price
    }
  }
}
schema "main" {
}
