table "cols" {
  schema = schema.main
  column "a" {
    null = false
    type = integer
  }
  column "b" {
    null    = true
    type    = varchar(40)
    default = "x'y"
  }
  column "c" {
    null    = true
    type    = numeric(10,2)
    default = -1.5
  }
  column "d" {
    null    = true
    type    = text
    default = sql("lower('ABC')")
    collate = "NOCASE"
  }
  column "e" {
    null    = true
    type    = datetime
    default = sql("CURRENT_TIMESTAMP")
  }
  column "f" {
    null = true
    type = sql("")
  }
  column "g" {
    null    = true
    type    = blob
    default = sql("x'00ff'")
  }
  column "h" {
    null = true
    type = real
    as {
      expr = "a * 2"
      type = STORED
    }
  }
  column "i" {
    null = true
    type = text
    as {
      expr = "b || '!'"
      type = VIRTUAL
    }
  }
  column "j" {
    null    = false
    type    = text
    default = ""
    collate = "RTRIM"
  }
}
schema "main" {
}
