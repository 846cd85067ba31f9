table "Order Items" {
  schema  = schema["my-app"]
  comment = "line one\nline two"
  column "order id" {
    null = false
    type = integer
  }
  column "note" {
    null    = true
    type    = text
    default = "$${x} %%{y} \"q\" \\"
    comment = "$${x}"
  }
  column "ünï" {
    null    = true
    type    = sql("my \"type\"")
    default = sql("'a\nb'::text")
  }
  primary_key {
    columns = [column["order id"]]
  }
  index "idx \"q\"" {
    where = "note <> '$${x}\n'"
    def   = ""
    on {
      column = column["order id"]
    }
    on {
      expr = "lower(note || '$${x}')"
    }
  }
  check "ck\n" {
    expr = "note <> '%%{y}'"
  }
}
enum "e-1" {
  schema = schema["my-app"]
  values = ["é", "\"", "\\", "$${x}", "%%{y}", "\n"]
}
view "v\"1" {
  schema = schema["my-app"]
  as     = <<-SQL
  SELECT '$${x}' AS a,
  '%%{y}' AS b

  SQL
}
view "v2" {
  schema = schema["my-app"]
  as     = "  indented\n    body\r\nwith CR"
}
view "v3" {
  schema = schema["my-app"]
  as     = <<-SQL


  leading blank lines
  	tab

  SQL
}
schema "my-app" {
  comment = "quote \" backslash \\ tab \t $${not} %%{nor} é ✓ \u0001 \u2028"
}
