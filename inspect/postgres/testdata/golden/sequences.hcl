table "tickets" {
  schema = schema.public
  column "id" {
    null    = true
    type    = bigint
    default = sql("nextval('public.plain_seq'::regclass)")
  }
  column "n" {
    null    = true
    type    = integer
    default = sql("nextval('public.owned_seq'::regclass)")
  }
}
sequence "owned_seq" {
  schema   = schema.public
  type     = bigint
  owned_by = table.tickets.column.n
}
sequence "plain_seq" {
  schema = schema.public
  type   = bigint
}
sequence "small_seq" {
  schema    = schema.public
  type      = smallint
  start     = 10
  increment = -2
  min_value = -100
  max_value = 10
  cache     = 5
  cycle     = true
}
schema "public" {
  comment = "standard public schema"
}
