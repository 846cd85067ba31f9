table "cols" {
  schema  = schema.fixture
  comment = "all column kinds"
  column "id" {
    null           = false
    type           = int
    unsigned       = true
    auto_increment = true
  }
  column "tiny" {
    null    = false
    type    = bool
    default = 0
  }
  column "small" {
    null = true
    type = smallint
  }
  column "zf" {
    null    = true
    type    = sql("int(5) unsigned zerofill")
    default = "00007"
  }
  column "big" {
    null    = false
    type    = bigint
    default = -1
  }
  column "dec_" {
    null    = false
    type    = decimal(10,2)
    default = "1.50"
  }
  column "fl" {
    null    = true
    type    = float
    default = 1.5
  }
  column "dbl" {
    null    = false
    type    = double
    default = 0
  }
  column "bits" {
    null    = true
    type    = bit(3)
    default = "b'101'"
  }
  column "name" {
    null    = false
    type    = varchar(64)
    default = "it's"
  }
  column "nick" {
    null    = true
    type    = varchar(32)
    comment = "latin nick"
    charset = "latin1"
    collate = "latin1_swedish_ci"
  }
  column "code" {
    null    = false
    type    = char(4)
    default = ""
    collate = "utf8mb4_bin"
  }
  column "body" {
    null = true
    type = text
  }
  column "blobby" {
    null = true
    type = mediumblob
  }
  column "kind" {
    null    = false
    type    = enum("small","big")
    default = "small"
  }
  column "flags" {
    null    = true
    type    = set("a","b","c")
    default = "a,b"
  }
  column "born" {
    null    = true
    type    = date
    default = "2000-01-01"
  }
  column "yr" {
    null = true
    type = year
  }
  column "created" {
    null    = false
    type    = datetime(3)
    default = sql("CURRENT_TIMESTAMP(3)")
  }
  column "touched" {
    null      = false
    type      = timestamp
    default   = sql("CURRENT_TIMESTAMP")
    on_update = sql("CURRENT_TIMESTAMP")
  }
  column "uid" {
    null    = true
    type    = varchar(36)
    default = sql("uuid()")
  }
  column "total" {
    null = true
    type = int
    as {
      expr = "`big` + 1"
      type = VIRTUAL
    }
  }
  column "stored_name" {
    null = true
    type = varchar(70)
    as {
      expr = "concat(`name`,'!')"
      type = STORED
    }
  }
  column "secret" {
    null      = true
    type      = int
    default   = 4
    invisible = true
  }
  column "doc" {
    null = true
    type = json
  }
  column "geo" {
    null = true
    type = point
  }
  primary_key {
    columns = [column.id]
  }
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
