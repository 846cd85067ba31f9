table "orders" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "state" {
    null = false
    type = text
  }
  column "total" {
    null = true
    type = numeric
  }
  primary_key {
    columns = [column.id]
  }
}
view "a_big_open" {
  schema = schema.public
  column "id" {
    null = true
    type = integer
  }
  column "gross" {
    null = true
    type = numeric
  }
  as         = " SELECT open_orders.id,\n    public.taxed(open_orders.total) AS gross\n   FROM public.open_orders\n  WHERE (open_orders.total > (100)::numeric);"
  depends_on = [view.open_orders, function.taxed]
}
materialized "aa_on_view" {
  schema = schema.public
  column "n" {
    null = true
    type = bigint
  }
  as         = " SELECT count(*) AS n\n   FROM public.a_big_open;"
  depends_on = [view.a_big_open]
}
view "checked" {
  schema = schema.public
  column "id" {
    null = true
    type = integer
  }
  column "state" {
    null = true
    type = text
  }
  column "total" {
    null = true
    type = numeric
  }
  as           = " SELECT orders.id,\n    orders.state,\n    orders.total\n   FROM public.orders\n  WHERE (orders.total > (0)::numeric);"
  check_option = LOCAL
}
view "open_orders" {
  schema = schema.public
  column "id" {
    null = true
    type = integer
  }
  column "total" {
    null = true
    type = numeric
  }
  as      = " SELECT orders.id,\n    orders.total\n   FROM public.orders\n  WHERE (orders.state = 'open'::text);"
  options = ["security_barrier=true"]
}
materialized "order_totals" {
  schema = schema.public
  column "state" {
    null = true
    type = text
  }
  column "total" {
    null = true
    type = numeric
  }
  index "order_totals_state_idx" {
    unique  = true
    columns = [column.state]
  }
  as = " SELECT orders.state,\n    sum(orders.total) AS total\n   FROM public.orders\n  GROUP BY orders.state;"
}
view "renamed" {
  schema = schema.public
  column "order_id" {
    null = true
    type = integer
  }
  column "order_state" {
    null = true
    type = text
  }
  as = " SELECT orders.id AS order_id,\n    orders.state AS order_state\n   FROM public.orders;"
}
function "taxed" {
  schema     = schema.public
  lang       = SQL
  args       = "numeric"
  return     = numeric
  volatility = IMMUTABLE
  as         = " SELECT $1 * 1.2 "
}
schema "public" {
  comment = "standard public schema"
}
