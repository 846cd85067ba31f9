table "items" {
  schema = schema.fixture
  column "id" {
    null = false
    type = int
  }
  column "price" {
    null = false
    type = int
  }
  column "hidden" {
    null    = false
    type    = bool
    default = 0
  }
  primary_key {
    columns = [column.id]
  }
}
view "v_cheap" {
  schema       = schema.fixture
  as           = "select `v_visible`.`id` AS `id`,`v_visible`.`price` AS `price` from `v_visible` where `v_visible`.`price` < 10"
  check_option = CASCADED
  algorithm    = MERGE
  security     = INVOKER
}
view "v_count" {
  schema    = schema.fixture
  as        = "select count(0) AS `n`,max(`items`.`price`) AS `top` from `items`"
  algorithm = TEMPTABLE
  security  = DEFINER
}
view "v_local" {
  schema       = schema.fixture
  as           = "select `items`.`id` AS `id`,`items`.`price` AS `price`,`items`.`hidden` AS `hidden` from `items` where `items`.`price` > 5"
  check_option = LOCAL
  security     = DEFINER
}
view "v_visible" {
  schema   = schema.fixture
  as       = "select `items`.`id` AS `id`,`items`.`price` AS `price` from `items` where `items`.`hidden` = 0"
  security = DEFINER
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
