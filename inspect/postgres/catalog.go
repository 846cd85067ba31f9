package postgres

// Row types of the per-kind catalog queries, and the queries themselves at the
// foot of the file. Every query covers the whole scope at once ($1 is the
// text[] of schema names), orders by names (never OIDs; columnsQuery says why
// it is the exception; the constraint and index queries, the largest, leave
// the order to schema.Canonicalize) and skips objects an extension owns
// (pg_depend deptype 'e'): they belong to the extension.
// Catalogs: https://www.postgresql.org/docs/current/catalogs.html

type extensionRow struct {
	Name    string `db:"name"`
	Schema  string `db:"schema"`
	Version string `db:"version"`
	Comment string `db:"comment"`
}

type tableRow struct {
	Schema        string   `db:"schema"`
	Name          string   `db:"name"`
	Kind          string   `db:"kind"`
	Unlogged      bool     `db:"unlogged"`
	RLS           bool     `db:"rls"`
	RLSForced     bool     `db:"rls_forced"`
	Options       []string `db:"options"`
	PartKey       string   `db:"partkey"`
	IsPartition   bool     `db:"is_partition"`
	Bound         string   `db:"bound"`
	ParentSchemas []string `db:"parent_schemas"`
	ParentNames   []string `db:"parent_names"`
	Comment       string   `db:"comment"`
}

type columnRow struct {
	Schema      string `db:"schema"`
	Rel         string `db:"rel"`
	Name        string `db:"name"`
	Type        string `db:"type"`
	Nullable    bool   `db:"nullable"`
	Expr        string `db:"expr"`
	Identity    string `db:"identity"`
	Generated   string `db:"generated"`
	Collation   string `db:"collation"`
	Storage     string `db:"storage"`
	Compression string `db:"compression"`
	StatTarget  *int   `db:"stat_target"`
	Local       bool   `db:"local"`
	Comment     string `db:"comment"`
	SeqStart    *int64 `db:"seq_start"`
	SeqInc      *int64 `db:"seq_increment"`
	SeqMin      *int64 `db:"seq_min"`
	SeqMax      *int64 `db:"seq_max"`
	SeqCache    *int64 `db:"seq_cache"`
	SeqCycle    *bool  `db:"seq_cycle"`
	// What resolveIndexes needs to name an index's key columns and decide
	// whether their operator classes are the defaults.
	RelID       uint32  `db:"relid"`
	Num         int16   `db:"attnum"`
	QName       *string `db:"qname"` // nil when the name needs no quotes
	TypeID      uint32  `db:"typid"`
	TypeType    string  `db:"typtype"`
	TypeElem    bool    `db:"typelem"`
	TypeCat     string  `db:"typcategory"`
	CollationID uint32  `db:"attcollation"`
}

type constraintRow struct {
	Schema           string   `db:"schema"`
	Rel              string   `db:"rel"`
	Name             string   `db:"name"`
	Type             string   `db:"type"`
	OID              uint32   `db:"oid"`
	RelID            uint32   `db:"relid"`
	Keys             []int16  `db:"keys"`
	RefSchema        string   `db:"ref_schema"`
	RefTable         string   `db:"ref_table"`
	RefRelID         uint32   `db:"ref_relid"`
	RefKeys          []int16  `db:"ref_keys"`
	RefColumns       []string `db:"ref_columns"` // set only outside the scope
	IncludeKeys      []int16  `db:"include_keys"`
	OnUpdate         string   `db:"on_update"`
	OnDelete         string   `db:"on_delete"`
	Match            string   `db:"match"`
	Deferrable       bool     `db:"deferrable"`
	Deferred         bool     `db:"deferred"`
	NotValid         bool     `db:"not_valid"`
	NoInherit        bool     `db:"no_inherit"`
	Expr             string   `db:"expr"`
	Def              *string  `db:"def"`
	NullsNotDistinct bool     `db:"nulls_not_distinct"`
	Options          []string `db:"options"`
	Comment          string   `db:"comment"`

	// Filled by resolveConstraints from the keys above and the columns.
	Columns []string
	Include []string
}

// constraintFixRow names the columns of a constraint Go could not resolve.
type constraintFixRow struct {
	OID        uint32   `db:"oid"`
	Columns    []string `db:"columns"`
	RefColumns []string `db:"ref_columns"`
	Include    []string `db:"include"`
}

type indexRow struct {
	Schema           string   `db:"schema"`
	Rel              string   `db:"rel"`
	Name             string   `db:"name"`
	OID              uint32   `db:"oid"`
	RelID            uint32   `db:"relid"`
	Unique           bool     `db:"uniq"`
	Method           string   `db:"method"`
	Def              *string  `db:"def"`
	Partial          bool     `db:"partial"`
	Pred             *string  `db:"pred"`
	NullsNotDistinct bool     `db:"nulls_not_distinct"`
	Options          []string `db:"options"`
	NKey             int      `db:"nkey"`
	Keys             []int16  `db:"keys"`
	KeyOptions       []int16  `db:"key_options"`
	Opclasses        []uint32 `db:"opclasses"`
	Collations       []uint32 `db:"collations"`
	Only             bool     `db:"only"`
	QName            string   `db:"qname"`
	QTable           string   `db:"qtable"`
	Comment          string   `db:"comment"`

	// Filled by resolveIndexes from the rows above and the columns, one
	// entry per index column (key columns, then INCLUDE columns).
	PartColumns    []string
	PartQColumns   []string
	PartExprs      []string
	PartOpclasses  []string
	PartCollations []string
}

// opclassRow is one operator class, its name as the server would print it
// (qualified unless visible on the search path) and what GetDefaultOpClass
// weighs: method, input type, default flag, the input type's category.
type opclassRow struct {
	OID       uint32 `db:"oid"`
	Method    uint32 `db:"method"`
	InType    uint32 `db:"intype"`
	Default   bool   `db:"isdefault"`
	Name      string `db:"name"`
	Category  string `db:"category"`
	Preferred bool   `db:"preferred"`
}

// castRow is one implicit binary-coercible cast.
type castRow struct {
	Source uint32 `db:"source"`
	Target uint32 `db:"target"`
}

// collationRow is one collation and its name as the server would print it.
type collationRow struct {
	OID  uint32 `db:"oid"`
	Name string `db:"name"`
}

// indexFixRow is the server's text for an index whose definition Go could
// not compose or take apart: see resolveIndexes.
type indexFixRow struct {
	OID        uint32   `db:"oid"`
	Def        *string  `db:"def"`
	Pred       *string  `db:"pred"`
	Columns    []string `db:"columns"`
	QColumns   []string `db:"qcolumns"`
	Exprs      []string `db:"exprs"`
	Opclasses  []string `db:"opclasses"`
	Collations []string `db:"collations"`
}

type triggerRow struct {
	Schema     string   `db:"schema"`
	Rel        string   `db:"rel"`
	Name       string   `db:"name"`
	Type       int      `db:"type"`
	Enabled    string   `db:"enabled"`
	Constraint bool     `db:"is_constraint"`
	Def        *string  `db:"def"`
	Columns    []string `db:"columns"`
	FuncSchema string   `db:"func_schema"`
	FuncName   string   `db:"func_name"`
	Comment    string   `db:"comment"`
}

type policyRow struct {
	Schema     string   `db:"schema"`
	Rel        string   `db:"rel"`
	Name       string   `db:"name"`
	Cmd        string   `db:"cmd"`
	Permissive bool     `db:"permissive"`
	Roles      []string `db:"roles"`
	Using      string   `db:"using_expr"`
	Check      string   `db:"check_expr"`
	Comment    string   `db:"comment"`
}

type viewRow struct {
	Schema       string   `db:"schema"`
	Name         string   `db:"name"`
	Materialized bool     `db:"materialized"`
	Def          *string  `db:"def"`
	Options      []string `db:"options"`
	DependsOn    []string `db:"depends_on"`
	Comment      string   `db:"comment"`
}

type routineRow struct {
	Schema          string   `db:"schema"`
	Name            string   `db:"name"`
	Kind            string   `db:"kind"`
	Args            string   `db:"args"`
	Identity        string   `db:"identity"`
	Returns         string   `db:"returns"`
	Language        string   `db:"language"`
	Volatility      string   `db:"volatility"`
	Strict          bool     `db:"strict"`
	SecurityDefiner bool     `db:"security_definer"`
	Leakproof       bool     `db:"leakproof"`
	Parallel        string   `db:"parallel"`
	Config          []string `db:"config"`
	Body            string   `db:"body"`
	Def             *string  `db:"def"`
	Atomic          bool     `db:"atomic"`
	DependsOn       []string `db:"depends_on"`
	Comment         string   `db:"comment"`
}

type sequenceRow struct {
	Schema    string `db:"schema"`
	Name      string `db:"name"`
	Type      string `db:"type"`
	Start     int64  `db:"start"`
	Increment int64  `db:"increment"`
	Min       int64  `db:"min"`
	Max       int64  `db:"max"`
	Cache     int64  `db:"cache"`
	Cycle     bool   `db:"cycle"`
	OwnedBy   string `db:"owned_by"`
	Comment   string `db:"comment"`
}

type typeRow struct {
	Schema    string   `db:"schema"`
	Name      string   `db:"name"`
	Kind      string   `db:"kind"`
	Labels    []string `db:"labels"`
	Base      string   `db:"base"`
	NotNull   bool     `db:"not_null"`
	Default   string   `db:"default_expr"`
	Collation string   `db:"collation"`
	Comment   string   `db:"comment"`
}

type domainCheckRow struct {
	Schema   string `db:"schema"`
	Domain   string `db:"domain"`
	Name     string `db:"name"`
	Expr     string `db:"expr"`
	NotValid bool   `db:"not_valid"`
	Comment  string `db:"comment"`
}

type unsupportedRow struct {
	Schema string `db:"schema"`
	Name   string `db:"name"`
	Kind   string `db:"kind"`
}

// extensionsQuery lists installed extensions: in realm scope all but those
// initdb creates in every database (plpgsql, OID below FirstNormalObjectId),
// in schema scope those installed into the schema. $2 is true in realm scope.
const extensionsQuery = `
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version,
       coalesce((SELECT description FROM pg_description WHERE objoid = e.oid AND classoid = 'pg_extension'::regclass AND objsubid = 0), '') AS comment
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.oid >= 16384 AND ($2::bool OR n.nspname = ANY($1::text[]))
ORDER BY e.extname`

// tablesQuery lists tables, partitioned tables and partitions with their
// table-level properties, partition key and bound, and inheritance parents.
const tablesQuery = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
       c.relpersistence = 'u' AS unlogged, c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced,
       coalesce(c.reloptions, '{}') AS options,
       coalesce(pg_get_partkeydef(c.oid), '') AS partkey,
       c.relispartition AS is_partition,
       coalesce(pg_get_expr(c.relpartbound, c.oid), '') AS bound,
       ARRAY(SELECT pn.nspname::text FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent
             JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid ORDER BY h.inhseqno) AS parent_schemas,
       ARRAY(SELECT pc.relname::text FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent
             WHERE h.inhrelid = c.oid ORDER BY h.inhseqno) AS parent_names,
       coalesce((SELECT description FROM pg_description WHERE objoid = c.oid AND classoid = 'pg_class'::regclass AND objsubid = 0), '') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
ORDER BY n.nspname, c.relname`

// columnsQuery lists the columns of tables, views, materialized views and
// composite types in ordinal order, with defaults, generation expressions,
// identity sequence options, and collation, storage and statistics only where
// they differ from the type's defaults.
//
// Rows are ordered by relation OID, not name: build files each column under
// its relation's name and only the order within a relation matters, and
// sorting 50,000 rows by schema and relation name cost the server a third of
// a second more than sorting them by two integers.
const columnsQuery = `
SELECT n.nspname AS schema, c.relname AS rel, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
       coalesce(pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END), '') AS expr,
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       CASE WHEN a.attcollation = 0 OR a.attcollation = t.typcollation THEN ''
            WHEN pg_collation_is_visible(co.oid) THEN quote_ident(co.collname)
            ELSE quote_ident(con.nspname) || '.' || quote_ident(co.collname) END AS collation,
       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text ELSE '' END AS storage,
       a.attcompression::text AS compression,
       nullif(a.attstattarget::int, -1) AS stat_target,
       a.attislocal AS local,
       coalesce(d.description, '') AS comment,
       s.seqstart AS seq_start, s.seqincrement AS seq_increment, s.seqmin AS seq_min,
       s.seqmax AS seq_max, s.seqcache AS seq_cache, s.seqcycle AS seq_cycle,
       a.attrelid AS relid, a.attnum, nullif(quote_ident(a.attname), a.attname::text) AS qname, a.atttypid AS typid,
       t.typtype::text AS typtype, t.typelem <> 0 AS typelem, t.typcategory::text AS typcategory, a.attcollation
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = a.attrelid AND d.objsubid = a.attnum
LEFT JOIN (pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid)
       ON dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
      AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'c') AND n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e'
                  AND ((x.classid = 'pg_class'::regclass AND x.objid = c.oid)
                    OR (x.classid = 'pg_type'::regclass AND x.objid = c.reltype)))
ORDER BY a.attrelid, a.attnum`

// constraintsQuery lists primary keys, unique, foreign key, check and
// exclusion constraints declared on tables themselves: constraints a partition
// or child only inherits (conparentid set, or not conislocal) come with their
// parent. Exclusion constraints keep the server's own definition, which is
// lock-free (pg_get_constraintdef reads syscache only).
const constraintsQuery = `
SELECT n.nspname AS schema, c.relname AS rel, k.conname AS name, k.contype::text AS type,
       k.oid, k.conrelid AS relid, coalesce(k.conkey, '{}') AS keys,
       coalesce(fn.nspname, '') AS ref_schema, coalesce(fc.relname, '') AS ref_table,
       k.confrelid AS ref_relid, coalesce(k.confkey, '{}') AS ref_keys,
       CASE WHEN k.contype = 'f' AND NOT fn.nspname = ANY($1::text[]) THEN
         ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = u.num)
               FROM unnest(k.confkey) WITH ORDINALITY u(num, ord) ORDER BY u.ord)
       END AS ref_columns,
       k.confupdtype::text AS on_update, k.confdeltype::text AS on_delete, k.confmatchtype::text AS match,
       k.condeferrable AS deferrable, k.condeferred AS deferred, NOT k.convalidated AS not_valid,
       k.connoinherit AS no_inherit,
       coalesce(pg_get_expr(k.conbin, k.conrelid), '') AS expr,
       CASE WHEN k.contype = 'x' THEN pg_get_constraintdef(k.oid) ELSE '' END AS def,
       CASE WHEN i.indnatts > i.indnkeyatts THEN (i.indkey::int2[])[i.indnkeyatts:] ELSE '{}' END AS include_keys,
       coalesce(CASE WHEN k.contype = 'u' THEN i.indnullsnotdistinct END, false) AS nulls_not_distinct,
       coalesce(ic.reloptions, '{}') AS options,
       coalesce(d.description, '') AS comment
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = k.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_index i ON i.indexrelid = k.conindid AND k.contype IN ('p', 'u')
LEFT JOIN pg_class ic ON ic.oid = k.conindid AND k.contype IN ('p', 'u')
LEFT JOIN pg_description d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = k.oid AND d.objsubid = 0
WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conislocal AND k.conparentid = 0
  AND c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
`

// indexesQuery lists the indexes of tables and materialized views that back
// no constraint and are not a partition of a parent's index (those come with
// the parent), with the raw key arrays of pg_index. Both exclusions are
// written so that the server hashes the constraints' indexes once (NOT IN)
// and reads the partition flag from pg_class, rather than probing
// pg_constraint and pg_inherits once per index.
//
// Go names the key columns, operator classes and collations from the other
// rows (resolveIndexes) and composes the definition (indexDef): joining
// them here per key part, and pg_get_indexdef per index, cost the server
// more than half a second at 15,000 indexes. def is the server's text only
// where Go cannot compose it: expression keys (pg_get_indexdef compares
// their collation with the expression's, which the catalog does not store;
// Go takes the expressions and predicate apart from this text), storage or
// operator class parameters (quoted by rules of their own), methods other
// than the built-in ones, and quote_all_identifiers. def or pred is NULL
// when the index was dropped after the snapshot was taken.
const indexesQuery = `
SELECT n.nspname AS schema, c.relname AS rel, ic.relname AS name, i.indexrelid AS oid, i.indrelid AS relid,
       i.indisunique AS uniq, am.amname::text AS method,
       CASE WHEN i.indexprs IS NOT NULL OR ic.reloptions IS NOT NULL
              OR am.amname NOT IN ('btree', 'hash', 'gist', 'spgist', 'gin', 'brin')
              OR current_setting('quote_all_identifiers')::bool
              OR i.indexrelid IN (SELECT ia.attrelid FROM pg_attribute ia WHERE ia.attoptions IS NOT NULL)
            THEN pg_get_indexdef(i.indexrelid) ELSE '' END AS def,
       i.indpred IS NOT NULL AS partial,
       CASE WHEN i.indexprs IS NULL THEN pg_get_expr(i.indpred, i.indrelid) END AS pred,
       i.indnullsnotdistinct AS nulls_not_distinct,
       coalesce(ic.reloptions, '{}') AS options,
       i.indnkeyatts::int AS nkey,
       i.indkey::int2[] AS keys, i.indoption::int2[] AS key_options,
       i.indclass::oid[] AS opclasses, i.indcollation::oid[] AS collations,
       ic.relkind = 'I' AS only, quote_ident(ic.relname) AS qname,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qtable,
       coalesce(d.description, '') AS comment
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = i.indexrelid AND d.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY($1::text[])
  AND i.indexrelid NOT IN (SELECT k.conindid FROM pg_constraint k WHERE k.contype IN ('p', 'u', 'x'))
  AND NOT ic.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')`

// opclassesQuery lists every operator class for resolveIndexes: a few
// hundred rows, cheaper than joining them to each key part.
const opclassesQuery = `
SELECT o.oid, o.opcmethod AS method, o.opcintype AS intype, o.opcdefault AS isdefault,
       CASE WHEN pg_opclass_is_visible(o.oid) THEN quote_ident(o.opcname)
            ELSE quote_ident(n.nspname) || '.' || quote_ident(o.opcname) END AS name,
       t.typcategory::text AS category, t.typispreferred AS preferred
FROM pg_opclass o
JOIN pg_namespace n ON n.oid = o.opcnamespace
JOIN pg_type t ON t.oid = o.opcintype`

// castsQuery lists the implicit binary-coercible casts, which decide whether
// a default operator class of another input type is a column's default.
const castsQuery = `
SELECT castsource AS source, casttarget AS target FROM pg_cast WHERE castmethod = 'b' AND castcontext = 'i'`

// collationsQuery names the collations index keys use.
const collationsQuery = `
SELECT co.oid,
       CASE WHEN pg_collation_is_visible(co.oid) THEN quote_ident(co.collname)
            ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS name
FROM pg_collation co
JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE co.oid IN (SELECT DISTINCT unnest(i.indcollation::oid[]) FROM pg_index i)`

// indexFixQuery has the server print the indexes Go could not resolve ($1
// is their OIDs): the definition, the predicate, and per index column its
// name, expression, operator class and collation as indexesQuery's
// resolution would have named them.
const indexFixQuery = `
SELECT i.indexrelid AS oid, pg_get_indexdef(i.indexrelid) AS def, pg_get_expr(i.indpred, i.indrelid) AS pred,
       array_agg(coalesce(a.attname::text, '') ORDER BY p.k) AS columns,
       array_agg(coalesce(quote_ident(a.attname), '') ORDER BY p.k) AS qcolumns,
       array_agg(CASE WHEN p.attnum = 0 THEN coalesce(pg_get_indexdef(i.indexrelid, p.k::int, false), '') ELSE '' END ORDER BY p.k) AS exprs,
       array_agg(CASE WHEN p.k > i.indnkeyatts OR o.opcdefault THEN ''
                      WHEN pg_opclass_is_visible(o.oid) THEN quote_ident(o.opcname)
                      ELSE quote_ident(onn.nspname) || '.' || quote_ident(o.opcname) END ORDER BY p.k) AS opclasses,
       array_agg(CASE WHEN p.k > i.indnkeyatts OR p.coll = 0 OR p.coll = coalesce(a.attcollation, 100) THEN ''
                      WHEN pg_collation_is_visible(co.oid) THEN quote_ident(co.collname)
                      ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END ORDER BY p.k) AS collations
FROM pg_index i
CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[]) WITH ORDINALITY p(attnum, cls, coll, k)
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = p.attnum AND p.attnum <> 0
LEFT JOIN pg_opclass o ON o.oid = p.cls
LEFT JOIN pg_namespace onn ON onn.oid = o.opcnamespace
LEFT JOIN pg_collation co ON co.oid = p.coll
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE i.indexrelid = ANY($1::oid[])
GROUP BY i.indexrelid`

// constraintFixQuery names the columns of the constraints Go could not
// resolve ($1 is their OIDs).
const constraintFixQuery = `
SELECT k.oid,
       ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = u.num)
             FROM unnest(k.conkey) WITH ORDINALITY u(num, ord) ORDER BY u.ord) AS columns,
       ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attnum = u.num)
             FROM unnest(k.confkey) WITH ORDINALITY u(num, ord) ORDER BY u.ord) AS ref_columns,
       ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = u.num)
             FROM unnest((i.indkey::int2[])[i.indnkeyatts:]) WITH ORDINALITY u(num, ord) ORDER BY u.ord) AS include
FROM pg_constraint k
LEFT JOIN pg_index i ON i.indexrelid = k.conindid AND k.contype IN ('p', 'u') AND i.indnatts > i.indnkeyatts
WHERE k.oid = ANY($1::oid[])`

// triggersQuery lists user triggers on tables and views (not the internal
// ones behind foreign keys, nor the clones a partition inherits) with the
// server's definition: pg_get_triggerdef reads syscache only, no lock.
const triggersQuery = `
SELECT n.nspname AS schema, c.relname AS rel, t.tgname AS name, t.tgtype::int AS type,
       t.tgenabled::text AS enabled, t.tgconstraint <> 0 AS is_constraint,
       pg_get_triggerdef(t.oid) AS def,
       ARRAY(SELECT a.attname::text FROM unnest(t.tgattr::int2[]) WITH ORDINALITY u(num, ord)
             JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = u.num ORDER BY u.ord) AS columns,
       pn.nspname AS func_schema, p.proname AS func_name,
       coalesce((SELECT description FROM pg_description WHERE objoid = t.oid AND classoid = 'pg_trigger'::regclass AND objsubid = 0), '') AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0
  AND c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
ORDER BY n.nspname, c.relname, t.tgname`

// policiesQuery lists row-level security policies with their roles (role 0
// is PUBLIC) and expressions; pg_roles is readable by every user.
const policiesQuery = `
SELECT n.nspname AS schema, c.relname AS rel, p.polname AS name, p.polcmd::text AS cmd,
       p.polpermissive AS permissive,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE coalesce((SELECT rolname::text FROM pg_roles WHERE oid = r.oid), r.oid::text) END
             FROM unnest(p.polroles) r(oid) ORDER BY 1) AS roles,
       coalesce(pg_get_expr(p.polqual, p.polrelid), '') AS using_expr,
       coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') AS check_expr,
       coalesce((SELECT description FROM pg_description WHERE objoid = p.oid AND classoid = 'pg_policy'::regclass AND objsubid = 0), '') AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
ORDER BY n.nspname, c.relname, p.polname`

// viewsQuery lists views and materialized views with their definitions and
// the views, materialized views and routines each one reads (so the SQL writer
// can create them in dependency order). pg_get_viewdef locks the relations the
// view reads: the caller runs this inside a savepoint it rolls back.
const viewsQuery = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid) AS def,
       coalesce(c.reloptions, '{}') AS options,
       ARRAY(SELECT DISTINCT dn.nspname || '.' || dc.relname
             FROM pg_rewrite r
             JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
             JOIN pg_class dc ON dc.oid = d.refobjid
             JOIN pg_namespace dn ON dn.oid = dc.relnamespace
             WHERE r.ev_class = c.oid AND dc.oid <> c.oid AND dc.relkind IN ('v', 'm')
             UNION
             SELECT DISTINCT dn.nspname || '.' || dp.proname || '()'
             FROM pg_rewrite r
             JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_proc'::regclass
             JOIN pg_proc dp ON dp.oid = d.refobjid
             JOIN pg_namespace dn ON dn.oid = dp.pronamespace
             WHERE r.ev_class = c.oid AND dn.nspname <> 'pg_catalog'
             ORDER BY 1) AS depends_on,
       coalesce((SELECT description FROM pg_description WHERE objoid = c.oid AND classoid = 'pg_class'::regclass AND objsubid = 0), '') AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
ORDER BY n.nspname, c.relname`

// routinesQuery lists functions, procedures and aggregates with their
// signature, attributes, source and the server's full definition
// (pg_get_functiondef; aggregates have none, so one is composed from
// pg_aggregate for plain aggregates). SQL-standard bodies also list the views
// and routines they read, which must exist before them.
const routinesQuery = `
SELECT n.nspname AS schema, p.proname AS name, p.prokind::text AS kind,
       pg_get_function_arguments(p.oid) AS args,
       pg_get_function_identity_arguments(p.oid) AS identity,
       coalesce(pg_get_function_result(p.oid), '') AS returns,
       l.lanname::text AS language, p.provolatile::text AS volatility, p.proisstrict AS strict,
       p.prosecdef AS security_definer, p.proleakproof AS leakproof, p.proparallel::text AS parallel,
       coalesce(p.proconfig, '{}') AS config, coalesce(p.prosrc, '') AS body,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid)
            ELSE (SELECT 'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                         || '(' || pg_get_function_identity_arguments(p.oid) || ') (SFUNC = ' || g.aggtransfn::regproc::text
                         || ', STYPE = ' || format_type(g.aggtranstype, NULL)
                         || CASE WHEN g.aggfinalfn <> 0 THEN ', FINALFUNC = ' || g.aggfinalfn::regproc::text ELSE '' END
                         || CASE WHEN g.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || g.aggcombinefn::regproc::text ELSE '' END
                         || CASE WHEN g.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(g.agginitval) ELSE '' END
                         || ')'
                  FROM pg_aggregate g WHERE g.aggfnoid = p.oid AND g.aggkind = 'n') END AS def,
       p.prosqlbody IS NOT NULL AS atomic,
       ARRAY(SELECT DISTINCT dn.nspname || '.' || dc.relname
             FROM pg_depend d JOIN pg_class dc ON dc.oid = d.refobjid JOIN pg_namespace dn ON dn.oid = dc.relnamespace
             WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_class'::regclass
               AND d.deptype = 'n' AND dc.relkind IN ('v', 'm')
             UNION
             SELECT DISTINCT dn.nspname || '.' || dp.proname || '()'
             FROM pg_depend d JOIN pg_proc dp ON dp.oid = d.refobjid JOIN pg_namespace dn ON dn.oid = dp.pronamespace
             WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_proc'::regclass
               AND d.deptype = 'n' AND dn.nspname <> 'pg_catalog'
             ORDER BY 1) AS depends_on,
       coalesce((SELECT description FROM pg_description WHERE objoid = p.oid AND classoid = 'pg_proc'::regclass AND objsubid = 0), '') AS comment
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_proc'::regclass AND x.objid = p.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
ORDER BY n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)`

// sequencesQuery lists standalone sequences (identity sequences belong to
// their column) with their options and the column that owns them.
const sequencesQuery = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
       s.seqstart AS start, s.seqincrement AS increment, s.seqmin AS min, s.seqmax AS max,
       s.seqcache AS cache, s.seqcycle AS cycle,
       coalesce((SELECT tc.relname || '.' || a.attname FROM pg_depend d
                 JOIN pg_class tc ON tc.oid = d.refobjid
                 JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                   AND d.deptype = 'a' AND d.refobjsubid > 0 LIMIT 1), '') AS owned_by,
       coalesce((SELECT description FROM pg_description WHERE objoid = c.oid AND classoid = 'pg_class'::regclass AND objsubid = 0), '') AS comment
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('i', 'e'))
ORDER BY n.nspname, c.relname`

// typesQuery lists enums (labels in declared order), domains and standalone
// composite types (their fields come from columnsQuery).
const typesQuery = `
SELECT n.nspname AS schema, t.typname AS name, t.typtype::text AS kind,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE '' END AS base,
       t.typnotnull AS not_null,
       coalesce(pg_get_expr(t.typdefaultbin, 0), t.typdefault, '') AS default_expr,
       CASE WHEN t.typtype <> 'd' OR t.typcollation = 0 OR t.typcollation = bt.typcollation THEN ''
            WHEN pg_collation_is_visible(co.oid) THEN quote_ident(co.collname)
            ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
       coalesce((SELECT description FROM pg_description WHERE objoid = t.oid AND classoid = 'pg_type'::regclass AND objsubid = 0), '') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE n.nspname = ANY($1::text[])
  AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
ORDER BY n.nspname, t.typname`

// domainChecksQuery lists the check constraints of domains.
const domainChecksQuery = `
SELECT n.nspname AS schema, t.typname AS domain, k.conname AS name,
       coalesce(pg_get_expr(k.conbin, 0), '') AS expr, NOT k.convalidated AS not_valid,
       coalesce((SELECT description FROM pg_description WHERE objoid = k.oid AND classoid = 'pg_constraint'::regclass AND objsubid = 0), '') AS comment
FROM pg_constraint k
JOIN pg_type t ON t.oid = k.contypid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE k.contype = 'c' AND n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid
                  AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')
ORDER BY n.nspname, t.typname, k.conname`

// unsupportedQuery finds user objects the model has no place for, so that
// each becomes a note instead of a silent gap: rules, foreign tables, range
// types, extended statistics, and aggregates other than plain ones.
const unsupportedQuery = `
SELECT n.nspname AS schema, x.name, x.kind
FROM (
  SELECT c.relnamespace AS nsp, c.relname || '.' || r.rulename AS name, 'rule' AS kind, 'pg_class'::regclass AS cls, c.oid
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN'
  UNION ALL
  SELECT c.relnamespace, c.relname, 'foreign table', 'pg_class'::regclass, c.oid FROM pg_class c WHERE c.relkind = 'f'
  UNION ALL
  SELECT t.typnamespace, t.typname, 'range type', 'pg_type'::regclass, t.oid FROM pg_type t WHERE t.typtype = 'r'
  UNION ALL
  SELECT s.stxnamespace, s.stxname, 'statistics object', 'pg_statistic_ext'::regclass, s.oid FROM pg_statistic_ext s
  UNION ALL
  SELECT p.pronamespace, p.proname, 'ordered-set or hypothetical aggregate', 'pg_proc'::regclass, p.oid
  FROM pg_proc p JOIN pg_aggregate g ON g.aggfnoid = p.oid WHERE g.aggkind <> 'n'
) x
JOIN pg_namespace n ON n.oid = x.nsp
WHERE n.nspname = ANY($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = x.cls AND d.objid = x.oid
                  AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
ORDER BY n.nspname, x.name, x.kind`
