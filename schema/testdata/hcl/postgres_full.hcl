# warning: routine billing.secret(): permission denied: body not readable
# warning: "view x: y": "line one\nline two"
table "billing" "users" {
  schema = schema.billing
  column "id" {
    null = false
    type = serial
  }
  column "plan" {
    null      = true
    type      = enum.billing.plan
    inherited = true
  }
  primary_key {
    columns = [column.id]
  }
}
table "events" {
  schema   = schema.public
  comment  = "partitioned"
  unlogged = true
  options  = ["autovacuum_enabled=false", "fillfactor=70"]
  inherits = ["public.base"]
  row_security {
    enabled  = true
    enforced = true
  }
  column "id" {
    null = false
    type = bigint
    identity {
      generated = BY_DEFAULT
      start     = 100
      increment = 5
      max_value = 1000000
      cache     = 20
      cycle     = true
    }
  }
  column "at" {
    null    = false
    type    = timestamptz
    default = sql("CURRENT_TIMESTAMP")
  }
  column "payload" {
    null        = true
    type        = jsonb
    default     = "{}"
    storage     = "external"
    compression = "lz4"
    statistics  = 500
  }
  column "tags" {
    null    = false
    type    = sql("text[]")
    default = sql("'{}'::text[]")
  }
  column "big" {
    null    = false
    type    = numeric(12,2)
    default = -1.5
  }
  column "n" {
    null    = false
    type    = integer
    default = -1
  }
  column "ok" {
    null    = false
    type    = boolean
    default = true
  }
  column "code" {
    null    = false
    type    = character_varying(40)
    default = "it's"
    collate = "C"
  }
  column "lower_code" {
    null = false
    type = text
    as {
      expr = "lower((code)::text)"
      type = STORED
    }
  }
  column "span" {
    null = true
    type = day_to_second(4)
  }
  column "mood" {
    null = true
    type = enum.mood
  }
  column "addr" {
    null = true
    type = composite.address
  }
  column "zip" {
    null = true
    type = domain.us_zip
  }
  column "email" {
    null = true
    type = sql("citext")
  }
  column "t6" {
    null = true
    type = sql("timestamp(6) without time zone")
  }
  primary_key "events_pk" {
    columns = [column.id, column.at]
    include = [column.ok]
    comment = "pk"
    options = ["fillfactor=90"]
  }
  foreign_key "events_ext_fk" {
    columns     = [column.n]
    ref_columns = [table.audit.log.column.id]
    on_update   = SET_DEFAULT
    on_delete   = NO_ACTION
  }
  foreign_key "events_self_fk" {
    columns     = [column.n]
    ref_columns = [column.id]
    on_update   = CASCADE
    on_delete   = RESTRICT
  }
  foreign_key "events_user_fk" {
    columns            = [column.id]
    ref_columns        = [table.billing.users.column.id]
    on_update          = NO_ACTION
    on_delete          = SET_NULL
    match              = FULL
    deferrable         = true
    initially_deferred = true
    not_valid          = true
    comment            = "fk"
  }
  index "events_at_brin" {
    unique  = true
    columns = [column.at]
    type    = BRIN
    def     = ""
  }
  index "events_expr_idx" {
    comment        = "expr index"
    type           = GIST
    where          = "(ok AND (code <> 'x\"$${y}'::text))"
    nulls_distinct = false
    include        = [column.ok]
    options        = ["fillfactor=70"]
    def            = "CREATE INDEX events_expr_idx ON public.events USING gist (...)"
    on {
      expr = "lower((code)::text)"
      ops  = sql("gist_trgm_ops(siglen=32)")
    }
    on {
      desc       = true
      column     = column.at
      nulls_last = true
    }
    on {
      column      = column.code
      ops         = text_pattern_ops
      nulls_first = true
      collate     = "C"
    }
  }
  index "events_ivf" {
    columns = [column.payload]
    type    = "ivfflat"
    def     = ""
  }
  check "events_n_check" {
    expr       = "(n > '-10'::integer)"
    no_inherit = true
    not_valid  = true
    comment    = "c"
  }
  unique "events_code_key" {
    columns            = [column.code]
    nulls_distinct     = false
    deferrable         = true
    initially_deferred = true
  }
  exclude "events_excl" {
    def     = "EXCLUDE USING gist (id WITH =)"
    comment = "x"
  }
  partition {
    type    = RANGE
    columns = [column.at, column.id]
  }
}
table "events_2026" {
  schema          = schema.public
  partition_of    = "events"
  partition_bound = "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"
  column "id" {
    null = false
    type = bigint
  }
  partition {
    type = LIST
    by {
      expr = "(lower(code))"
    }
  }
}
table "public" "users" {
  schema = schema.public
  column "order id" {
    null    = false
    type    = smallint
    default = sql("nextval('users_order id_seq'::regclass)")
  }
  column "n" {
    null    = false
    type    = bigint
    default = 42
  }
  foreign_key "users_clash_fk" {
    columns     = [column.n]
    ref_columns = [table.billing.users.column.id]
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
  }
}
enum "billing" "plan" {
  schema  = schema.billing
  values  = ["free", "pro"]
  comment = "billing plans"
}
enum "mood" {
  schema = schema.public
  values = []
}
enum "public" "plan" {
  schema = schema.public
  values = ["a\"b", "c d", "$${x}"]
}
domain "us_zip" {
  schema  = schema.public
  type    = text
  null    = false
  default = sql("'00000'::text")
  collate = "C"
  comment = "zip"
  check "us_zip_check" {
    expr = "(VALUE ~ '^\\d{5}$'::text)"
  }
}
composite "address" {
  schema  = schema.public
  comment = "addr"
  field "street" {
    type = text
  }
  field "no" {
    type = integer
  }
}
sequence "counter" {
  schema    = schema.public
  type      = integer
  start     = 10
  increment = -1
  min_value = -100
  max_value = 10
  cycle     = true
  owned_by  = table.public.users.column.n
  comment   = "seq"
}
sequence "plain" {
  schema = schema.public
}
view "active" {
  schema  = schema.public
  comment = "active events"
  column "id" {
    null = true
    type = bigint
  }
  column "at" {
    null = true
    type = timestamptz
  }
  as           = " SELECT events.id,\n    events.at\n   FROM events\n  WHERE events.ok;"
  check_option = LOCAL
  options      = ["security_barrier=true"]
}
materialized "stats" {
  schema = schema.public
  column "n" {
    null = true
    type = bigint
  }
  index "stats_n" {
    unique  = true
    columns = [column.n]
    def     = ""
  }
  as         = "SELECT count(*) AS n FROM events"
  depends_on = ["elsewhere.gone", view.active, function.add, function.touch]
}
function "add" {
  schema     = schema.public
  lang       = SQL
  return     = integer
  volatility = IMMUTABLE
  strict     = true
  leakproof  = true
  parallel   = SAFE
  comment    = "adds"
  arg "a" {
    type = integer
  }
  arg "b" {
    type = integer
  }
  as  = "SELECT a + b"
  def = ""
}
function "add" {
  schema     = schema.public
  lang       = SQL
  args       = "a numeric, b numeric DEFAULT 0"
  return     = numeric
  security   = DEFINER
  config     = ["search_path=public"]
  as         = "SELECT a + b"
  depends_on = [materialized.stats]
  def        = ""
}
procedure "secret" {
  schema      = schema.public
  lang        = PLpgSQL
  args        = "IN x text"
  body_hidden = true
  as          = ""
  def         = ""
}
aggregate "total" {
  schema = schema.public
  args   = "double precision"
  return = double_precision
  as     = ""
}
function "touch" {
  schema     = schema.public
  lang       = PLpgSQL
  return     = sql("trigger")
  volatility = VOLATILE
  as         = <<-SQL

  BEGIN
    NEW.updated_at := now();
    RETURN NEW;
  END;

  SQL
  def        = <<-SQL
  CREATE OR REPLACE FUNCTION public.touch()
   RETURNS trigger
   LANGUAGE plpgsql
  AS $function$
  BEGIN
    NEW.updated_at := now();
    RETURN NEW;
  END;
  $function$

  SQL
}
trigger "events_touch" {
  on         = table.events
  for        = ROW
  when       = "(NEW.ok)"
  enabled    = "D"
  constraint = true
  comment    = "t"
  before {
    insert    = true
    update_of = [table.events.column.payload]
  }
  execute {
    function = function.touch
  }
  def = "CREATE TRIGGER events_touch BEFORE INSERT OR UPDATE OF payload ON public.events FOR EACH ROW WHEN (new.ok) EXECUTE FUNCTION touch()"
}
trigger "events_trunc" {
  on  = table.events
  for = STATEMENT
  after {
    truncate = true
  }
  execute {
    call = "audit.log_change('x')"
  }
  def = ""
}
trigger "active_ins" {
  on  = view.active
  for = ROW
  instead_of {
    insert = true
  }
  execute {
    function = function.touch
  }
  def = ""
}
policy "p_read" {
  on      = table.events
  for     = SELECT
  to      = ["app", "public"]
  using   = "(ok = true)"
  comment = "p"
}
policy "p_write" {
  on    = table.events
  as    = RESTRICTIVE
  to    = ["app"]
  check = "(n > 0)"
}
extension "citext" {
  schema  = schema.public
  version = "1.6"
  comment = "data type for case-insensitive character strings"
}
schema "billing" {
}
schema "public" {
  comment = "standard public schema"
}
