table "docs" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "body" {
    null = true
    type = text
  }
  column "version" {
    null    = true
    type    = integer
    default = 0
  }
  primary_key {
    columns = [column.id]
  }
}
view "docs_v" {
  schema = schema.public
  column "id" {
    null = true
    type = integer
  }
  column "body" {
    null = true
    type = text
  }
  as = " SELECT docs.id,\n    docs.body\n   FROM public.docs;"
}
function "audit" {
  schema     = schema.public
  lang       = PLpgSQL
  return     = sql("trigger")
  volatility = VOLATILE
  as         = " BEGIN RETURN NULL; END "
}
function "bump" {
  schema     = schema.public
  lang       = PLpgSQL
  return     = sql("trigger")
  volatility = VOLATILE
  as         = <<-SQL

  BEGIN NEW.version := OLD.version + 1; RETURN NEW; END 
  SQL
}
trigger "docs_audit" {
  on  = table.docs
  for = STATEMENT
  after {
    delete   = true
    insert   = true
    truncate = true
  }
  execute {
    call = "public.audit('docs', 'x''y')"
  }
}
trigger "docs_bump" {
  on   = table.docs
  for  = ROW
  when = "(old.body IS DISTINCT FROM new.body)"
  before {
    update_of = [table.docs.column.body]
  }
  execute {
    call = "public.bump()"
  }
}
trigger "docs_check" {
  on         = table.docs
  for        = ROW
  constraint = true
  after {
    insert = true
  }
  execute {
    call = "public.audit()"
  }
  def = "CREATE CONSTRAINT TRIGGER docs_check AFTER INSERT ON public.docs DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.audit()"
}
trigger "docs_off" {
  on      = table.docs
  for     = ROW
  enabled = "D"
  after {
    update = true
  }
  execute {
    call = "public.audit()"
  }
}
trigger "docs_v_ins" {
  on  = view.docs_v
  for = ROW
  instead_of {
    insert = true
  }
  execute {
    call = "public.audit()"
  }
}
schema "public" {
  comment = "standard public schema"
}
