table "orders" {
  schema = schema.fixture
  column "id" {
    null    = false
    type    = bigint
    default = sql("nextval(`seq_custom`)")
  }
  primary_key {
    columns = [column.id]
  }
}
sequence "seq_custom" {
  schema    = schema.fixture
  start     = 100
  increment = 5
  min_value = 10
  max_value = 100000
  cache     = 50
  cycle     = true
}
sequence "seq_plain" {
  schema    = schema.fixture
  max_value = 9223372036854775806
  cache     = 1000
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
