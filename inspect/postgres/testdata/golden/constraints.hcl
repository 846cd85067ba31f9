table "invoices" {
  schema = schema.billing
  column "id" {
    null = false
    type = bigint
  }
  column "user_id" {
    null = true
    type = integer
  }
  column "tenant" {
    null = true
    type = integer
  }
  column "amount" {
    null = true
    type = numeric
  }
  column "period" {
    null = true
    type = tstzrange
  }
  column "room" {
    null = true
    type = integer
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "invoices_pair_fkey" {
    columns     = [column.tenant, column.user_id]
    ref_columns = [table.users.column.tenant, table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
    match       = FULL
  }
  foreign_key "invoices_user_fkey" {
    columns     = [column.user_id]
    ref_columns = [table.users.column.id]
    on_update   = CASCADE
    on_delete   = RESTRICT
    deferrable  = true
  }
  foreign_key "invoices_user_late_fkey" {
    columns     = [column.user_id]
    ref_columns = [table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = NO_ACTION
    not_valid   = true
  }
  check "invoices_amount_check" {
    expr = "(amount > (0)::numeric)"
  }
  exclude "invoices_no_overlap" {
    def = "EXCLUDE USING gist (room WITH =, period WITH &&) WHERE ((room > 0))"
  }
}
table "users" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "tenant" {
    null = false
    type = integer
  }
  column "email" {
    null = false
    type = text
  }
  column "manager" {
    null = true
    type = integer
  }
  column "age" {
    null = true
    type = integer
  }
  primary_key {
    columns = [column.id]
    include = [column.email]
    options = ["fillfactor=90"]
  }
  foreign_key "users_manager_fkey" {
    columns     = [column.manager]
    ref_columns = [column.id]
    on_update   = NO_ACTION
    on_delete   = SET_NULL
  }
  check "users_age_check" {
    expr       = "(age >= 0)"
    no_inherit = true
  }
  check "users_email_check" {
    expr      = "(email <> ''::text)"
    not_valid = true
  }
  unique "users_email_key" {
    columns        = [column.email]
    nulls_distinct = false
  }
  unique "users_later_key" {
    columns            = [column.email, column.tenant]
    deferrable         = true
    initially_deferred = true
  }
  unique "users_tenant_id_key" {
    columns = [column.tenant, column.id]
  }
}
extension "btree_gist" {
  schema  = schema.public
  version = "1.7"
  comment = "support for indexing common datatypes in GiST"
}
schema "billing" {
}
schema "public" {
  comment = "standard public schema"
}
