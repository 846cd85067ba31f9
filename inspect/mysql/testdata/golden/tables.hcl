table "counter" {
  schema = schema.fixture
  column "id" {
    null           = false
    type           = int
    auto_increment = true
  }
  primary_key {
    columns = [column.id]
  }
}
table "mem" {
  schema = schema.fixture
  engine = MEMORY
  column "k" {
    null = false
    type = char(8)
  }
  column "v" {
    null = true
    type = int
  }
  primary_key {
    columns = [column.k]
  }
}
table "myisam_t" {
  schema  = schema.fixture
  comment = "it's MyISAM"
  engine  = MyISAM
  options = ["checksum=1"]
  column "id" {
    null = false
    type = int
  }
  column "note" {
    null = true
    type = text
  }
  primary_key {
    columns = [column.id]
  }
}
table "opts" {
  schema     = schema.fixture
  comment    = "table with options"
  charset    = "latin1"
  collate    = "latin1_swedish_ci"
  options    = ["stats_persistent=0"]
  row_format = "COMPACT"
  column "id" {
    null           = false
    type           = bigint
    unsigned       = true
    auto_increment = true
  }
  column "name" {
    null = false
    type = varchar(40)
  }
  primary_key {
    columns = [column.id]
  }
}
table "plain" {
  schema = schema.fixture
  column "id" {
    null = false
    type = int
  }
  primary_key {
    columns = [column.id]
  }
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
