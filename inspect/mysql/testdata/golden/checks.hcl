table "chk" {
  schema = schema.fixture
  column "qty" {
    null = false
    type = int
  }
  column "price" {
    null = true
    type = decimal(8,2)
  }
  column "label" {
    null = true
    type = varchar(10)
  }
  check "label_nonempty" {
    expr = "`label` <> '' and char_length(`label`) < 9"
  }
  check "price_positive" {
    expr = "`price` > 0"
  }
  check "qty" {
    expr = "`qty` >= 0"
  }
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
