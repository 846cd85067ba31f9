table "t" {
  schema = schema.main
  column "a" {
    null = true
    type = int
  }
  column "b" {
    null = true
    type = text
  }
}
view "aa_top" {
  schema = schema.main
  column "x" {
    null = false
    type = sql("")
  }
  column "y" {
    null = false
    type = sql("")
  }
  as = "SELECT a * 2, upper(b) FROM zz_base"
}
view "zz_base" {
  schema = schema.main
  as     = "SELECT a, b FROM t WHERE a > 0"
}
schema "main" {
}
