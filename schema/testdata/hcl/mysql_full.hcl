table "items" {
  schema       = schema.shop
  comment      = "items"
  charset      = "latin1"
  collate      = "latin1_swedish_ci"
  engine       = MyISAM
  row_format   = "COMPRESSED"
  partitioning = <<-SQL
  PARTITION BY HASH (`id`)
  PARTITIONS 4
  SQL
  column "id" {
    null           = false
    type           = int
    unsigned       = true
    auto_increment = true
  }
  column "flag" {
    null    = false
    type    = bool
    default = 1
  }
  column "price" {
    null    = false
    type    = decimal(10,2)
    default = "0.00"
  }
  column "qty" {
    null    = false
    type    = int
    default = -3
  }
  column "uid" {
    null    = false
    type    = char(36)
    default = sql("(uuid())")
  }
  column "kinds" {
    null = true
    type = set("a","b'c")
  }
  column "loc" {
    null      = false
    type      = point
    invisible = true
    srid      = 4326
  }
  column "doc" {
    null    = true
    type    = json
    comment = "the doc"
  }
  column "zf" {
    null = true
    type = sql("int(5) unsigned zerofill")
  }
  column "full" {
    null = false
    type = varchar(10)
    as {
      expr = "concat(`a`,`b`)"
      type = VIRTUAL
    }
  }
  column "empty" {
    null    = false
    type    = varchar(10)
    default = ""
  }
  primary_key {
    columns = [column.id]
  }
  index "ft" {
    columns = [column.doc]
    type    = FULLTEXT
    parser  = ngram
  }
  index "h" {
    type = HASH
    on {
      column = column.id
    }
    on {
      desc = true
      expr = "(`qty` * 2)"
    }
  }
  index "sp" {
    columns   = [column.loc]
    comment   = "spatial"
    type      = SPATIAL
    invisible = true
  }
  check "qty_chk" {
    expr     = "(`qty` > -10)"
    enforced = true
  }
}
view "v" {
  schema       = schema.shop
  as           = "select `shop`.`items`.`id` AS `id` from `shop`.`items`"
  check_option = CASCADED
  algorithm    = MERGE
  security     = INVOKER
}
procedure "p" {
  schema        = schema.shop
  args          = "IN n int"
  deterministic = true
  data_access   = "READS SQL DATA"
  comment       = "proc"
  as            = <<-SQL
  BEGIN
    SELECT n;
  END
  SQL
}
trigger "items_bi" {
  on    = table.items
  for   = ROW
  order = 2
  before {
    insert = true
  }
  as = "SET NEW.qty = GREATEST(NEW.qty, 0)"
}
event "purge" {
  schema        = schema.shop
  schedule      = "EVERY 1 DAY STARTS '2026-01-01 00:00:00'"
  on_completion = "NOT PRESERVE"
  status        = ENABLED
  comment       = "nightly"
  as            = "DELETE FROM items WHERE qty = 0"
}
schema "shop" {
  charset = "utf8mb4"
  collate = "utf8mb4_0900_ai_ci"
}
