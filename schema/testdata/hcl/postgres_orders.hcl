table "orders" {
  schema  = schema.public
  comment = "customer orders"
  column "id" {
    null = false
    type = bigint
    identity {
      generated = ALWAYS
    }
  }
  column "state" {
    null    = false
    type    = enum.order_state
    default = "open"
  }
  column "placed_at" {
    null    = false
    type    = timestamptz(3)
    default = sql("now()")
  }
  primary_key {
    columns = [column.id]
  }
  index "orders_open_idx" {
    where = "(state = 'open'::order_state)"
    on {
      desc   = true
      column = column.placed_at
    }
  }
  index "orders_state_idx" {
    columns = [column.state]
    type    = HASH
  }
}
enum "order_state" {
  schema = schema.public
  values = ["open", "paid", "void"]
}
schema "public" {
  comment = "standard public schema"
}
