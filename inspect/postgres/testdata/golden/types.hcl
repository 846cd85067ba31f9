table "people" {
  schema = schema.public
  column "id" {
    null = true
    type = integer
  }
  column "p" {
    null = true
    type = sql("public.person")
  }
  column "m" {
    null    = true
    type    = sql("public.mood")
    default = "ok"
  }
  column "codes" {
    null = true
    type = sql("public.code[]")
  }
}
enum "Weird Enum" {
  schema = schema.public
  values = ["it's", "a b"]
}
enum "mood" {
  schema = schema.public
  values = ["sad", "meh", "ok", "happy"]
}
domain "code" {
  schema  = schema.public
  type    = text
  null    = true
  collate = "\"C\""
  check "code_check" {
    expr = "(VALUE ~ '^[A-Z]+$'::text)"
  }
  check "code_len" {
    expr      = "(length(VALUE) < 10)"
    not_valid = true
  }
}
domain "posint" {
  schema  = schema.public
  type    = integer
  null    = false
  default = sql("1")
  check "posint_check" {
    expr = "(VALUE > 0)"
  }
}
domain "small_posint" {
  schema  = schema.public
  type    = sql("public.posint")
  null    = true
  default = sql("1")
  check "small" {
    expr = "((VALUE)::integer < 100)"
  }
}
composite "address" {
  schema = schema.public
  field "street" {
    type = text
  }
  field "zip" {
    type = sql("public.code")
  }
  field "rating" {
    type = sql("public.small_posint")
  }
}
composite "person" {
  schema = schema.public
  field "name" {
    type    = text
    collate = "C"
  }
  field "home" {
    type = sql("public.address")
  }
  field "moods" {
    type = sql("public.mood[]")
  }
}
schema "public" {
  comment = "standard public schema"
}
