table "acct" {
  schema = schema.fixture
  column "id" {
    null = false
    type = int
  }
  column "balance" {
    null    = false
    type    = int
    default = 0
  }
  column "touched" {
    null    = false
    type    = int
    default = 0
  }
  primary_key {
    columns = [column.id]
  }
}
table "audit" {
  schema = schema.fixture
  column "id" {
    null           = false
    type           = int
    auto_increment = true
  }
  column "what" {
    null = true
    type = varchar(20)
  }
  primary_key {
    columns = [column.id]
  }
}
trigger "acct_au" {
  on    = table.acct
  for   = ROW
  order = 1
  after {
    update = true
  }
  as = <<-SQL
  BEGIN
    IF NEW.balance < 0 THEN
      INSERT INTO audit (what) VALUES ('negative');
    END IF;
    INSERT INTO audit (what) VALUES ('update');
  END
  SQL
}
trigger "acct_bd" {
  on    = table.acct
  for   = ROW
  order = 1
  before {
    delete = true
  }
  as = "INSERT INTO audit (what) VALUES ('delete')"
}
trigger "acct_bi" {
  on    = table.acct
  for   = ROW
  order = 1
  before {
    insert = true
  }
  as = "SET NEW.touched = 1"
}
trigger "acct_bi2" {
  on    = table.acct
  for   = ROW
  order = 2
  before {
    insert = true
  }
  as = "SET NEW.balance = GREATEST(NEW.balance, 0)"
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
