table "accounts" {
  schema = schema.shop
  column "id" {
    null           = false
    type           = bigint
    unsigned       = true
    auto_increment = true
  }
  column "tier" {
    null    = false
    type    = enum("free","pro")
    default = "free"
  }
  column "nick" {
    null    = true
    type    = varchar(64)
    charset = "latin1"
    collate = "latin1_swedish_ci"
  }
  column "touched_at" {
    null      = false
    type      = timestamp
    default   = sql("CURRENT_TIMESTAMP")
    on_update = sql("CURRENT_TIMESTAMP")
  }
  primary_key {
    columns = [column.id]
  }
  index "accounts_nick" {
    on {
      column = column.nick
      prefix = 16
    }
  }
  check "accounts_chk_1" {
    expr = "(`id` > 0)"
  }
}
schema "shop" {
  charset = "utf8mb4"
  collate = "utf8mb4_0900_ai_ci"
}
