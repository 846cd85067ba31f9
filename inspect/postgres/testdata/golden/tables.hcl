table "accounts" {
  schema = schema.public
  column "id" {
    null = false
    type = bigint
    identity {
      generated = ALWAYS
      start     = 100
      increment = 5
      min_value = 100
      max_value = 1000000
      cache     = 3
    }
  }
  column "alt_id" {
    null = false
    type = integer
    identity {
      generated = BY_DEFAULT
    }
  }
  column "email" {
    null    = false
    type    = character_varying(320)
    collate = "C"
  }
  column "nick" {
    null    = true
    type    = text
    default = "anon"
  }
  column "balance" {
    null    = false
    type    = numeric(12,2)
    default = 0
  }
  column "ratio" {
    null = true
    type = real
  }
  column "score" {
    null       = true
    type       = double_precision
    statistics = 500
  }
  column "flags" {
    null = true
    type = bit(8)
  }
  column "vflags" {
    null = true
    type = bit_varying(64)
  }
  column "created_at" {
    null    = false
    type    = timestamptz(3)
    default = sql("now()")
  }
  column "local_at" {
    null = true
    type = timestamp
  }
  column "day" {
    null    = true
    type    = date
    default = sql("CURRENT_DATE")
  }
  column "at_time" {
    null = true
    type = time(2)
  }
  column "span" {
    null = true
    type = day_to_second(4)
  }
  column "tags" {
    null    = true
    type    = sql("text[]")
    default = sql("'{}'::text[]")
  }
  column "grid" {
    null = true
    type = sql("integer[]")
  }
  column "doc" {
    null    = false
    type    = jsonb
    default = "{}"
  }
  column "raw" {
    null = true
    type = bytea
  }
  column "addr" {
    null = true
    type = inet
  }
  column "net" {
    null = true
    type = cidr
  }
  column "mac" {
    null = true
    type = macaddr
  }
  column "price" {
    null = true
    type = money
  }
  column "uid" {
    null = true
    type = uuid
  }
  column "x" {
    null = true
    type = xml
  }
  column "tsv" {
    null = true
    type = tsvector
  }
  column "code" {
    null = true
    type = character(4)
  }
  column "Mixed Case" {
    null = true
    type = smallint
  }
  column "select" {
    null    = true
    type    = boolean
    default = false
  }
  column "total" {
    null = true
    type = numeric
    as {
      expr = "(balance * (2)::numeric)"
      type = STORED
    }
  }
  column "big" {
    null    = true
    type    = text
    storage = "EXTERNAL"
  }
}
table "empty" {
  schema = schema.public
}
table "scratch" {
  schema   = schema.public
  unlogged = true
  options  = ["autovacuum_enabled=false", "fillfactor=70"]
  column "k" {
    null = true
    type = integer
  }
  column "v" {
    null = true
    type = text
  }
}
table "serials" {
  schema = schema.public
  column "id" {
    null    = false
    type    = integer
    default = sql("nextval('public.serials_id_seq'::regclass)")
  }
  column "b" {
    null    = false
    type    = bigint
    default = sql("nextval('public.serials_b_seq'::regclass)")
  }
  column "s" {
    null    = false
    type    = smallint
    default = sql("nextval('public.serials_s_seq'::regclass)")
  }
  primary_key {
    columns = [column.id]
  }
}
sequence "serials_b_seq" {
  schema   = schema.public
  type     = bigint
  owned_by = table.serials.column.b
}
sequence "serials_id_seq" {
  schema   = schema.public
  type     = integer
  owned_by = table.serials.column.id
}
sequence "serials_s_seq" {
  schema   = schema.public
  type     = smallint
  owned_by = table.serials.column.s
}
schema "public" {
  comment = "standard public schema"
}
