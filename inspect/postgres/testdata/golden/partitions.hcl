table "bikes" {
  schema   = schema.public
  inherits = ["public.vehicles"]
  column "id" {
    null      = true
    type      = integer
    inherited = true
  }
  column "wheels" {
    null      = true
    type      = integer
    inherited = true
  }
  column "bell" {
    null = true
    type = boolean
  }
}
table "buckets" {
  schema = schema.public
  column "id" {
    null = true
    type = integer
  }
  column "k" {
    null = true
    type = text
  }
  partition {
    type    = HASH
    columns = [column.id]
  }
}
table "buckets_0" {
  schema          = schema.public
  partition_of    = "buckets"
  partition_bound = "FOR VALUES WITH (modulus 2, remainder 0)"
  column "id" {
    null      = true
    type      = integer
    inherited = true
  }
  column "k" {
    null      = true
    type      = text
    inherited = true
  }
}
table "buckets_1" {
  schema          = schema.public
  partition_of    = "buckets"
  partition_bound = "FOR VALUES WITH (modulus 2, remainder 1)"
  column "id" {
    null      = true
    type      = integer
    inherited = true
  }
  column "k" {
    null      = true
    type      = text
    inherited = true
  }
}
table "by_expr" {
  schema = schema.public
  column "a" {
    null = true
    type = integer
  }
  column "b" {
    null = true
    type = text
  }
  partition {
    type = LIST
    by {
      expr = "(lower(b))"
    }
  }
}
table "by_expr_ab" {
  schema          = schema.public
  partition_of    = "by_expr"
  partition_bound = "FOR VALUES IN ('a', 'b')"
  column "a" {
    null      = true
    type      = integer
    inherited = true
  }
  column "b" {
    null      = true
    type      = text
    inherited = true
  }
}
table "by_expr_rest" {
  schema          = schema.public
  partition_of    = "by_expr"
  partition_bound = "DEFAULT"
  column "a" {
    null      = true
    type      = integer
    inherited = true
  }
  column "b" {
    null      = true
    type      = text
    inherited = true
  }
}
table "cars" {
  schema   = schema.public
  inherits = ["public.vehicles"]
  column "id" {
    null      = true
    type      = integer
    inherited = true
  }
  column "wheels" {
    null    = true
    type    = integer
    default = 4
  }
  column "seats" {
    null = true
    type = integer
  }
}
table "events" {
  schema = schema.public
  column "id" {
    null = false
    type = bigint
  }
  column "at" {
    null = false
    type = timestamptz
  }
  column "kind" {
    null = false
    type = text
  }
  column "payload" {
    null = true
    type = jsonb
  }
  primary_key {
    columns = [column.id, column.at]
  }
  index "events_kind_idx" {
    columns = [column.kind]
  }
  check "events_kind_check" {
    expr = "(kind <> ''::text)"
  }
  partition {
    type    = RANGE
    columns = [column.at]
  }
}
table "events_2024" {
  schema          = schema.public
  partition_of    = "events"
  partition_bound = "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')"
  column "id" {
    null      = false
    type      = bigint
    inherited = true
  }
  column "at" {
    null      = false
    type      = timestamptz
    inherited = true
  }
  column "kind" {
    null      = false
    type      = text
    inherited = true
  }
  column "payload" {
    null      = true
    type      = jsonb
    inherited = true
  }
}
table "events_2025" {
  schema          = schema.public
  partition_of    = "events"
  partition_bound = "FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')"
  column "id" {
    null      = false
    type      = bigint
    inherited = true
  }
  column "at" {
    null      = false
    type      = timestamptz
    inherited = true
  }
  column "kind" {
    null      = false
    type      = text
    inherited = true
  }
  column "payload" {
    null      = true
    type      = jsonb
    inherited = true
  }
  partition {
    type    = HASH
    columns = [column.id]
  }
}
table "events_2025_a" {
  schema          = schema.public
  partition_of    = "events_2025"
  partition_bound = "FOR VALUES WITH (modulus 2, remainder 0)"
  column "id" {
    null      = false
    type      = bigint
    inherited = true
  }
  column "at" {
    null      = false
    type      = timestamptz
    inherited = true
  }
  column "kind" {
    null      = false
    type      = text
    inherited = true
  }
  column "payload" {
    null      = true
    type      = jsonb
    inherited = true
  }
}
table "events_2025_b" {
  schema          = schema.public
  partition_of    = "events_2025"
  partition_bound = "FOR VALUES WITH (modulus 2, remainder 1)"
  column "id" {
    null      = false
    type      = bigint
    inherited = true
  }
  column "at" {
    null      = false
    type      = timestamptz
    inherited = true
  }
  column "kind" {
    null      = false
    type      = text
    inherited = true
  }
  column "payload" {
    null      = true
    type      = jsonb
    inherited = true
  }
}
table "events_old" {
  schema          = schema.public
  partition_of    = "events"
  partition_bound = "FOR VALUES FROM (MINVALUE) TO ('2024-01-01 00:00:00+00')"
  column "id" {
    null      = false
    type      = bigint
    inherited = true
  }
  column "at" {
    null      = false
    type      = timestamptz
    inherited = true
  }
  column "kind" {
    null      = false
    type      = text
    inherited = true
  }
  column "payload" {
    null      = true
    type      = jsonb
    inherited = true
  }
}
table "vehicles" {
  schema = schema.public
  column "id" {
    null = true
    type = integer
  }
  column "wheels" {
    null = true
    type = integer
  }
  check "vehicles_wheels_check" {
    expr = "(wheels >= 0)"
  }
}
schema "public" {
  comment = "standard public schema"
}
