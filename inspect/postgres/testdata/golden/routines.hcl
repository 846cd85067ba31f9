table "ledger" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "amount" {
    null = true
    type = numeric
  }
  primary_key {
    columns = [column.id]
  }
}
function "add" {
  schema     = schema.public
  lang       = SQL
  args       = "a integer, b integer DEFAULT 1"
  return     = integer
  volatility = IMMUTABLE
  strict     = true
  parallel   = SAFE
  as         = " SELECT a + b "
}
function "add" {
  schema     = schema.public
  lang       = SQL
  return     = numeric
  volatility = IMMUTABLE
  arg "a" {
    type = numeric
  }
  arg "b" {
    type = numeric
  }
  as = "SELECT a + b"
}
procedure "book" {
  schema = schema.public
  lang   = PLpgSQL
  args   = "IN amount numeric, INOUT id integer DEFAULT NULL::integer"
  as     = " BEGIN INSERT INTO public.ledger VALUES (coalesce(id, 0), amount); END "
}
function "counted" {
  schema     = schema.public
  lang       = SQL
  args       = "VARIADIC xs integer[]"
  return     = sql("TABLE(n integer, first integer)")
  volatility = VOLATILE
  as         = " SELECT cardinality(xs), xs[1] "
}
function "rows_over" {
  schema     = schema.public
  lang       = SQL
  return     = sql("SETOF public.ledger")
  volatility = STABLE
  security   = DEFINER
  config     = ["search_path=public, pg_temp"]
  arg "n" {
    type = numeric
  }
  as = " SELECT * FROM public.ledger WHERE amount > n "
}
function "safe_eq" {
  schema     = schema.public
  lang       = "internal"
  return     = boolean
  volatility = IMMUTABLE
  strict     = true
  leakproof  = true
  arg "a" {
    type = text
  }
  arg "b" {
    type = text
  }
  as = "texteq"
}
function "split" {
  schema     = schema.public
  lang       = PLpgSQL
  args       = "s text, OUT head text, OUT tail text"
  return     = sql("record")
  volatility = STABLE
  as         = " BEGIN head := split_part(s, ',', 1); tail := split_part(s, ',', 2); END "
}
aggregate "sum_sq" {
  schema = schema.public
  lang   = "internal"
  args   = "numeric"
  return = numeric
  as     = "aggregate_dummy"
  def    = "CREATE AGGREGATE public.sum_sq(numeric) (SFUNC = public.sum_sq_step, STYPE = numeric, INITCOND = '0')"
}
function "sum_sq_step" {
  schema     = schema.public
  lang       = SQL
  args       = "numeric, numeric"
  return     = numeric
  volatility = IMMUTABLE
  as         = "SELECT $1 + $2 * $2"
}
function "total" {
  schema     = schema.public
  lang       = SQL
  return     = numeric
  volatility = STABLE
  as         = ""
  def        = <<-SQL
  CREATE OR REPLACE FUNCTION public.total()
   RETURNS numeric
   LANGUAGE sql
   STABLE
  BEGIN ATOMIC
   SELECT sum(ledger.amount) AS sum
      FROM public.ledger;
  END
  SQL
}
schema "public" {
  comment = "standard public schema"
}
