table "acct" {
  schema = schema.main
  column "id" {
    null = true
    type = integer
  }
  column "bal" {
    null = true
    type = int
  }
  column "updated" {
    null = true
    type = text
  }
  primary_key {
    columns = [column.id]
  }
}
table "log" {
  schema = schema.main
  column "msg" {
    null = true
    type = text
  }
}
view "acct_v" {
  schema = schema.main
  as     = "SELECT id, bal FROM acct"
}
trigger "acct_del" {
  on  = table.acct
  for = ROW
  before {
    delete = true
  }
  as = "DELETE FROM log; INSERT INTO log VALUES('del');"
}
trigger "acct_ins" {
  on  = table.acct
  for = ROW
  after {
    insert = true
  }
  as = "INSERT INTO log VALUES('ins ' || new.id);"
}
trigger "acct_upd" {
  on   = table.acct
  for  = ROW
  when = "new.bal < 0"
  before {
    update_of = [table.acct.column.bal]
  }
  as = "SELECT RAISE(ABORT, 'negative');"
}
trigger "acct_v_ins" {
  on  = view.acct_v
  for = ROW
  instead_of {
    insert = true
  }
  as = "INSERT INTO acct(id, bal) VALUES(new.id, new.bal);"
}
schema "main" {
}
