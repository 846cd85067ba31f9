table "items" {
  schema = schema.public
  column "id" {
    null = false
    type = integer
  }
  column "name" {
    null = false
    type = text
  }
  column "sku" {
    null = true
    type = text
  }
  column "tags" {
    null = true
    type = sql("text[]")
  }
  column "doc" {
    null = true
    type = jsonb
  }
  column "created_at" {
    null = true
    type = timestamptz
  }
  column "price" {
    null = true
    type = numeric
  }
  primary_key {
    columns = [column.id]
  }
  index "items_brin_idx" {
    columns = [column.created_at]
    type    = BRIN
    options = ["pages_per_range=32"]
  }
  index "items_created_idx" {
    on {
      desc       = true
      column     = column.created_at
      nulls_last = true
    }
    on {
      column      = column.id
      nulls_first = true
    }
  }
  index "items_doc_idx" {
    type = GIN
    on {
      column = column.doc
      ops    = jsonb_path_ops
    }
  }
  index "items_ff_idx" {
    columns = [column.price]
    options = ["fillfactor=50"]
  }
  index "items_hash_idx" {
    columns = [column.sku]
    type    = HASH
  }
  index "items_lower_name_idx" {
    on {
      expr = "lower(name)"
    }
  }
  index "items_name_c_idx" {
    on {
      column  = column.name
      collate = "C"
    }
  }
  index "items_name_pattern_idx" {
    on {
      column = column.name
      ops    = text_pattern_ops
    }
  }
  index "items_open_idx" {
    columns = [column.created_at]
    where   = "(price IS NOT NULL)"
  }
  index "items_sku_idx" {
    unique         = true
    columns        = [column.sku]
    nulls_distinct = false
    include        = [column.price]
  }
  index "items_tags_idx" {
    columns = [column.tags]
    type    = GIN
  }
  index "items_trgm_idx" {
    type = GIST
    def  = "CREATE INDEX items_trgm_idx ON public.items USING gist (name public.gist_trgm_ops (siglen='32'))"
    on {
      column = column.name
      ops    = "public.gist_trgm_ops"
    }
  }
}
extension "pg_trgm" {
  schema  = schema.public
  version = "1.6"
  comment = "text similarity measurement and index searching based on trigrams"
}
schema "public" {
  comment = "standard public schema"
}
