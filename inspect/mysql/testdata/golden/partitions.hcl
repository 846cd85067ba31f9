table "hashed" {
  schema       = schema.fixture
  partitioning = "PARTITION BY HASH (`id`) PARTITIONS 4"
  column "id" {
    null = false
    type = int
  }
  primary_key {
    columns = [column.id]
  }
}
table "listed" {
  schema       = schema.fixture
  partitioning = "PARTITION BY LIST (`region`) (PARTITION `east` VALUES IN (1,2) ENGINE = InnoDB, PARTITION `west` VALUES IN (3) ENGINE = InnoDB)"
  column "region" {
    null = false
    type = int
  }
}
table "logs" {
  schema       = schema.fixture
  partitioning = "PARTITION BY RANGE (year(`at`)) (PARTITION `p2020` VALUES LESS THAN (2021) ENGINE = InnoDB, PARTITION `pmax` VALUES LESS THAN MAXVALUE ENGINE = InnoDB)"
  column "id" {
    null = false
    type = int
  }
  column "at" {
    null = false
    type = date
  }
  primary_key {
    columns = [column.id, column.at]
  }
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
