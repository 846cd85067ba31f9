table "authors" {
  schema = schema.main
  column "id" {
    null = false
    type = sql("INTEGER")
  }
  column "name" {
    null    = false
    type    = text
    default = "anon's"
    collate = "NOCASE"
  }
  column "score" {
    null    = false
    type    = real
    default = 1.5
  }
  column "blob" {
    null = false
    type = sql("")
  }
  column "at" {
    null    = false
    type    = datetime
    default = sql("CURRENT_TIMESTAMP")
  }
  column "h" {
    null      = false
    type      = text
    invisible = true
    as {
      expr = "upper(name)"
      type = VIRTUAL
    }
  }
  column "custom" {
    null = true
    type = sql("my type(3)")
  }
  primary_key "pk" {
    auto_increment = true
    on_conflict    = REPLACE
    on {
      desc   = true
      column = column.id
    }
  }
  foreign_key "0" {
    columns     = [column.id]
    ref_columns = [column.id]
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
  }
  foreign_key "7" {
    named       = true
    columns     = [column.id]
    ref_columns = [column.id]
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
  }
  foreign_key "to_pk" {
    columns     = [column.id]
    ref_columns = []
    ref_table   = table.authors
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
  }
  index "authors_score" {
    where = "score > 0"
    on {
      column  = column.score
      collate = "BINARY"
    }
  }
  check "" {
    expr = "score >= 0"
  }
  unique "authors_name" {
    columns     = [column.name]
    on_conflict = IGNORE
  }
  strict        = true
  without_rowid = true
}
view "top" {
  schema = schema.main
  as     = <<-SQL
  CREATE VIEW top AS
  SELECT * FROM authors
  WHERE score > 10
  SQL
}
trigger "authors_au" {
  on   = table.authors
  for  = ROW
  when = "NEW.score < 0"
  after {
    update_of = [table.authors.column.score]
  }
  as = <<-SQL
  BEGIN
    SELECT RAISE(ABORT, 'neg');
  END
  SQL
}
schema "main" {
}
