table "profiles" {
  schema = schema.public
  column "id" {
    null    = false
    type    = uuid
    default = sql("public.uuid_generate_v4()")
  }
  column "handle" {
    null = true
    type = sql("ext.citext")
  }
  column "attrs" {
    null = true
    type = sql("public.hstore")
  }
  primary_key {
    columns = [column.id]
  }
}
extension "citext" {
  schema  = schema.ext
  version = "1.6"
  comment = "data type for case-insensitive character strings"
}
extension "hstore" {
  schema  = schema.public
  version = "1.8"
  comment = "data type for storing sets of (key, value) pairs"
}
extension "uuid-ossp" {
  schema  = schema.public
  version = "1.1"
  comment = "generate universally unique identifiers (UUIDs)"
}
schema "ext" {
}
schema "public" {
  comment = "standard public schema"
}
