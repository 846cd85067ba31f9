table "docs" {
  schema = schema.fixture
  column "a" {
    null = false
    type = int
  }
  column "b" {
    null = false
    type = varchar(200)
  }
  column "c" {
    null = true
    type = text
  }
  column "d" {
    null = true
    type = int
  }
  column "g" {
    null = false
    type = point
  }
  primary_key {
    on {
      column = column.a
    }
    on {
      column = column.b
      prefix = 20
    }
  }
  index "ft_c" {
    columns = [column.c]
    type    = FULLTEXT
  }
  index "ix_b_prefix" {
    on {
      column = column.b
      prefix = 10
    }
  }
  index "ix_desc" {
    on {
      desc   = true
      column = column.d
    }
    on {
      column = column.a
    }
  }
  index "ix_ignored" {
    columns   = [column.d]
    comment   = "rarely used"
    invisible = true
  }
  index "sp_g" {
    columns = [column.g]
    type    = SPATIAL
  }
  index "uq_d" {
    unique  = true
    columns = [column.d]
  }
}
table "longuniq" {
  schema = schema.fixture
  column "t" {
    null = true
    type = text
  }
  index "uq_t" {
    unique  = true
    columns = [column.t]
    type    = HASH
  }
}
table "memidx" {
  schema = schema.fixture
  engine = MEMORY
  column "k" {
    null = false
    type = int
  }
  column "v" {
    null = true
    type = int
  }
  index "ix_k" {
    columns = [column.k]
    type    = HASH
  }
  index "ix_v" {
    columns = [column.v]
    type    = BTREE
  }
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
