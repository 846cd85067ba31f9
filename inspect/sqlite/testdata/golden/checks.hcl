table "ch" {
  schema = schema.main
  column "qty" {
    null = true
    type = int
  }
  column "price" {
    null = true
    type = real
  }
  column "lo" {
    null = true
    type = int
  }
  column "hi" {
    null = true
    type = int
  }
  check "" {
    expr = "lo <= hi"
  }
  check "" {
    expr = "qty >= 0"
  }
  check "price_positive" {
    expr = "price > 0"
  }
  check "sane" {
    expr = "lo IS NULL OR hi IS NOT NULL"
  }
}
schema "main" {
}
