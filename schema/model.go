// Package schema holds schemawatch's database model: the canonical Snapshot that
// inspectors produce, its deterministic hash, and the formats it is written in.
//
// The model is the canonical form itself. Objects refer to each other by name,
// every list is sorted once by Canonicalize, and nothing volatile (OIDs,
// AUTO_INCREMENT counters, sequence positions, statistics, owners, grants) has a
// field to live in, so two inspections of the same schema encode to the same
// bytes. Fields that only one dialect has are tagged omitempty and stay zero
// elsewhere. Package schema imports nothing else of schemawatch.
package schema

// Format is the version of the canonical encoding. It is bumped whenever the
// canonical bytes of an unchanged schema would change, and it is part of the
// hashed bytes, so a new Format never compares equal to an old one by accident.
const Format = 1

// Dialects spelled as Snapshot.Dialect. MySQL and MariaDB share "mysql": the
// inspector normalises their catalog differences so that the same schema
// hashes the same on both.
const (
	Postgres = "postgres"
	MySQL    = "mysql"
	SQLite   = "sqlite"
)

// Snapshot is what schemawatch hashes, stores and pushes: every object of the
// inspected scope. It holds no connection details.
type Snapshot struct {
	Format  int    `json:"format"`
	Dialect string `json:"dialect"`
	// Extensions are realm-level objects (PostgreSQL); the objects they own are
	// not listed in Schemas.
	Extensions []Extension `json:"extensions,omitempty"`
	Schemas    []Schema    `json:"schemas"`
	// Notes name what the inspection could not see completely.
	Notes []Note `json:"notes,omitempty"`
}

// Schema is a namespace: a PostgreSQL schema, a MySQL database, SQLite's main.
type Schema struct {
	Name      string `json:"name"`
	Comment   string `json:"comment,omitempty"`
	Charset   string `json:"charset,omitempty"`   // MySQL
	Collation string `json:"collation,omitempty"` // MySQL

	Tables     []Table     `json:"tables,omitempty"`
	Views      []View      `json:"views,omitempty"`
	Routines   []Routine   `json:"routines,omitempty"`
	Sequences  []Sequence  `json:"sequences,omitempty"`
	Enums      []Enum      `json:"enums,omitempty"`
	Domains    []Domain    `json:"domains,omitempty"`
	Composites []Composite `json:"composites,omitempty"`
	Events     []Event     `json:"events,omitempty"` // MySQL scheduled events
}

// Table is a base table, a partitioned table or a partition.
type Table struct {
	Name    string `json:"name"`
	Comment string `json:"comment,omitempty"`

	Columns     []Column     `json:"columns"`
	PrimaryKey  *Key         `json:"primary_key,omitempty"`
	Uniques     []Key        `json:"uniques,omitempty"` // unique constraints (PostgreSQL, SQLite)
	Indexes     []Index      `json:"indexes,omitempty"`
	ForeignKeys []ForeignKey `json:"foreign_keys,omitempty"`
	Checks      []Check      `json:"checks,omitempty"`
	Exclusions  []Exclusion  `json:"exclusions,omitempty"` // PostgreSQL
	Triggers    []Trigger    `json:"triggers,omitempty"`
	Policies    []Policy     `json:"policies,omitempty"` // PostgreSQL row-level security

	// PostgreSQL.
	Unlogged    bool         `json:"unlogged,omitempty"`
	RLS         bool         `json:"rls,omitempty"`        // ENABLE ROW LEVEL SECURITY
	RLSForced   bool         `json:"rls_forced,omitempty"` // FORCE ROW LEVEL SECURITY
	Options     []string     `json:"options,omitempty"`    // storage parameters, "fillfactor=70"
	Inherits    []string     `json:"inherits,omitempty"`   // qualified parents (not partitions)
	PartitionBy *PartitionBy `json:"partition_by,omitempty"`
	PartitionOf *PartitionOf `json:"partition_of,omitempty"`

	// MySQL.
	Engine       string `json:"engine,omitempty"`
	Charset      string `json:"charset,omitempty"`
	Collation    string `json:"collation,omitempty"`
	RowFormat    string `json:"row_format,omitempty"`   // only when set explicitly
	Partitioning string `json:"partitioning,omitempty"` // the PARTITION BY clause as the server prints it

	// SQLite.
	Strict       bool `json:"strict,omitempty"`
	WithoutRowID bool `json:"without_rowid,omitempty"`
}

// Column is a table column. Columns keep their ordinal order.
type Column struct {
	Name string `json:"name"`
	// Type is the database's own spelling, normalised by the inspector so that
	// equal types compare equal: "character varying(40)", "int unsigned",
	// "varchar(255)", "INTEGER".
	Type      string `json:"type"`
	Nullable  bool   `json:"nullable"`
	Default   string `json:"default,omitempty"` // an SQL expression as the database renders it
	Comment   string `json:"comment,omitempty"`
	Collation string `json:"collation,omitempty"` // only when it differs from the default
	Charset   string `json:"charset,omitempty"`   // MySQL, only when it differs from the table's

	Identity  *Identity  `json:"identity,omitempty"`  // PostgreSQL GENERATED ... AS IDENTITY
	Generated *Generated `json:"generated,omitempty"` // computed columns

	// MySQL and SQLite.
	AutoIncrement bool   `json:"auto_increment,omitempty"`
	OnUpdate      string `json:"on_update,omitempty"` // MySQL ON UPDATE expression
	Invisible     bool   `json:"invisible,omitempty"` // MySQL INVISIBLE, SQLite hidden
	SRID          *int   `json:"srid,omitempty"`      // MySQL spatial reference
	// DefaultLiteral tells, for MySQL, that Default is a quoted literal rather
	// than an expression.
	DefaultLiteral bool `json:"default_literal,omitempty"`
	// Storage is the PostgreSQL per-column storage when not the type's default.
	Storage string `json:"storage,omitempty"`
	// Compression is the PostgreSQL per-column compression method when set.
	Compression string `json:"compression,omitempty"`
	// Statistics is the PostgreSQL per-column statistics target when set.
	Statistics *int `json:"statistics,omitempty"`
	// Inherited tells that a PostgreSQL column exists only because a parent
	// table (inheritance or partitioning) has it, not by its own declaration.
	Inherited bool `json:"inherited,omitempty"`
}

// Identity describes a PostgreSQL identity column and its sequence options.
type Identity struct {
	Always    bool  `json:"always"` // ALWAYS, else BY DEFAULT
	Start     int64 `json:"start"`
	Increment int64 `json:"increment"`
	Min       int64 `json:"min"`
	Max       int64 `json:"max"`
	Cache     int64 `json:"cache"`
	Cycle     bool  `json:"cycle,omitempty"`
}

// Generated describes a generated (computed) column.
type Generated struct {
	Expr   string `json:"expr"`
	Stored bool   `json:"stored"` // STORED, else VIRTUAL
}

// Key is a primary key or unique constraint.
type Key struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
	Include []string `json:"include,omitempty"` // PostgreSQL INCLUDE
	// NullsNotDistinct is PostgreSQL 15's UNIQUE NULLS NOT DISTINCT.
	NullsNotDistinct  bool     `json:"nulls_not_distinct,omitempty"`
	Deferrable        bool     `json:"deferrable,omitempty"`
	InitiallyDeferred bool     `json:"initially_deferred,omitempty"`
	Options           []string `json:"options,omitempty"` // index storage parameters
	Comment           string   `json:"comment,omitempty"`
	// Parts is set when key parts carry more than a column name (MySQL prefix
	// lengths, SQLite collations or order); Columns still names them in order.
	Parts []IndexPart `json:"parts,omitempty"`
	// AutoIncrement is SQLite's INTEGER PRIMARY KEY AUTOINCREMENT.
	AutoIncrement bool   `json:"auto_increment,omitempty"`
	Conflict      string `json:"conflict,omitempty"` // SQLite ON CONFLICT clause
}

// Index is an index that backs no constraint (constraint indexes are part of
// their Key or Exclusion).
type Index struct {
	Name   string      `json:"name"`
	Unique bool        `json:"unique,omitempty"`
	Method string      `json:"method,omitempty"` // btree, gin, gist, hash, FULLTEXT, SPATIAL, ...
	Parts  []IndexPart `json:"parts"`
	// Include lists PostgreSQL INCLUDE columns.
	Include          []string `json:"include,omitempty"`
	Where            string   `json:"where,omitempty"` // partial index predicate
	NullsNotDistinct bool     `json:"nulls_not_distinct,omitempty"`
	Options          []string `json:"options,omitempty"` // storage parameters
	Comment          string   `json:"comment,omitempty"`
	Invisible        bool     `json:"invisible,omitempty"` // MySQL INVISIBLE / MariaDB IGNORED
	Parser           string   `json:"parser,omitempty"`    // MySQL FULLTEXT parser
	// Def is the server's own CREATE INDEX text where it has one (PostgreSQL's
	// pg_get_indexdef), normalised to carry no schema-qualified index name.
	Def string `json:"def,omitempty"`
}

// IndexPart is one key of an index: a column or an expression.
type IndexPart struct {
	Column     string `json:"column,omitempty"`
	Expr       string `json:"expr,omitempty"`
	Desc       bool   `json:"desc,omitempty"`
	NullsFirst *bool  `json:"nulls_first,omitempty"` // set only when not the default for the order
	Opclass    string `json:"opclass,omitempty"`     // non-default operator class, with parameters
	Collation  string `json:"collation,omitempty"`   // non-default collation
	Prefix     int    `json:"prefix,omitempty"`      // MySQL prefix length
}

// ForeignKey is a foreign key constraint.
type ForeignKey struct {
	Name              string   `json:"name"`
	Columns           []string `json:"columns"`
	RefSchema         string   `json:"ref_schema,omitempty"` // empty when the same schema
	RefTable          string   `json:"ref_table"`
	RefColumns        []string `json:"ref_columns"`
	OnUpdate          string   `json:"on_update"` // NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
	OnDelete          string   `json:"on_delete"`
	Match             string   `json:"match,omitempty"` // FULL or PARTIAL; SIMPLE is the default
	Deferrable        bool     `json:"deferrable,omitempty"`
	InitiallyDeferred bool     `json:"initially_deferred,omitempty"`
	NotValid          bool     `json:"not_valid,omitempty"`
	Comment           string   `json:"comment,omitempty"`
}

// Check is a check constraint.
type Check struct {
	Name        string `json:"name"`
	Expr        string `json:"expr"`
	NoInherit   bool   `json:"no_inherit,omitempty"`
	NotValid    bool   `json:"not_valid,omitempty"`
	NotEnforced bool   `json:"not_enforced,omitempty"` // MySQL NOT ENFORCED
	Comment     string `json:"comment,omitempty"`
}

// Exclusion is a PostgreSQL exclusion constraint, kept as the server defines
// it (pg_get_constraintdef), since its elements pair expressions with operators.
type Exclusion struct {
	Name    string `json:"name"`
	Def     string `json:"def"`
	Comment string `json:"comment,omitempty"`
}

// PartitionBy is a PostgreSQL partitioned table's strategy and key.
type PartitionBy struct {
	Strategy string `json:"strategy"` // RANGE, LIST, HASH
	Key      string `json:"key"`      // as pg_get_partkeydef prints it, without the strategy
}

// PartitionOf places a table in its parent's partitioning.
type PartitionOf struct {
	Parent string `json:"parent"` // schema-qualified when in another schema
	Bound  string `json:"bound"`  // FOR VALUES ... or DEFAULT
}

// Trigger is a trigger on a table or view.
type Trigger struct {
	Name       string   `json:"name"`
	Timing     string   `json:"timing"`            // BEFORE, AFTER, INSTEAD OF
	Events     []string `json:"events"`            // INSERT, UPDATE, DELETE, TRUNCATE
	Columns    []string `json:"columns,omitempty"` // UPDATE OF
	ForEachRow bool     `json:"for_each_row"`
	When       string   `json:"when,omitempty"`
	// Function is the PostgreSQL trigger function call, "audit.log_change('x')".
	Function string `json:"function,omitempty"`
	// Body is the statement body (MySQL, SQLite).
	Body string `json:"body,omitempty"`
	// Def is the server's own CREATE TRIGGER text where it has one.
	Def string `json:"def,omitempty"`
	// Enabled is PostgreSQL's firing state when not the default "O"
	// (D disabled, R replica, A always).
	Enabled    string `json:"enabled,omitempty"`
	Constraint bool   `json:"constraint,omitempty"`
	Order      int    `json:"order,omitempty"` // MySQL ACTION_ORDER
	Comment    string `json:"comment,omitempty"`
}

// Policy is a PostgreSQL row-level security policy.
type Policy struct {
	Name       string   `json:"name"`
	Command    string   `json:"command"` // ALL, SELECT, INSERT, UPDATE, DELETE
	Permissive bool     `json:"permissive"`
	Roles      []string `json:"roles"`
	Using      string   `json:"using,omitempty"`
	Check      string   `json:"check,omitempty"`
	Comment    string   `json:"comment,omitempty"`
}

// View is a view or a materialized view.
type View struct {
	Name         string    `json:"name"`
	Def          string    `json:"def"`
	Materialized bool      `json:"materialized,omitempty"`
	Columns      []Column  `json:"columns,omitempty"` // name and type, for readers
	Indexes      []Index   `json:"indexes,omitempty"` // materialized views
	Triggers     []Trigger `json:"triggers,omitempty"`
	CheckOption  string    `json:"check_option,omitempty"` // LOCAL, CASCADED
	Options      []string  `json:"options,omitempty"`      // security_barrier=true, ...
	Algorithm    string    `json:"algorithm,omitempty"`    // MySQL, when not UNDEFINED
	Security     string    `json:"security,omitempty"`     // MySQL DEFINER/INVOKER
	Comment      string    `json:"comment,omitempty"`
	// DependsOn names ("schema.name", routines "schema.name()") the views,
	// materialized views and routines the definition reads, so that DDL can
	// create them first (PostgreSQL).
	DependsOn []string `json:"depends_on,omitempty"`
}

// Routine is a function or procedure.
type Routine struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // FUNCTION, PROCEDURE, AGGREGATE
	// Args is the argument list that identifies an overload, with modes and
	// names and defaults as the server prints them.
	Args            string   `json:"args"`
	Returns         string   `json:"returns,omitempty"`
	Language        string   `json:"language,omitempty"`
	Volatility      string   `json:"volatility,omitempty"` // IMMUTABLE, STABLE, VOLATILE
	Strict          bool     `json:"strict,omitempty"`
	SecurityDefiner bool     `json:"security_definer,omitempty"`
	Leakproof       bool     `json:"leakproof,omitempty"`
	Parallel        string   `json:"parallel,omitempty"` // SAFE, RESTRICTED (UNSAFE is the default)
	Config          []string `json:"config,omitempty"`   // SET clauses, "search_path=public"
	Deterministic   bool     `json:"deterministic,omitempty"`
	DataAccess      string   `json:"data_access,omitempty"` // MySQL SQL DATA ACCESS
	Body            string   `json:"body"`
	// BodyHidden tells that the inspecting user may not read the body: the
	// routine exists, its text was not visible.
	BodyHidden bool `json:"body_hidden,omitempty"`
	// Def is the server's full CREATE text where it has one (pg_get_functiondef),
	// which the SQL writer prefers for exactness.
	Def     string `json:"def,omitempty"`
	Comment string `json:"comment,omitempty"`
	// DependsOn names, for PostgreSQL SQL-standard bodies (BEGIN ATOMIC), the
	// views and routines the body reads ("schema.name", "schema.name()"):
	// such bodies are checked at creation, so those must exist first.
	DependsOn []string `json:"depends_on,omitempty"`
}

// Sequence is a standalone sequence (identity sequences live on their column).
type Sequence struct {
	Name      string `json:"name"`
	Type      string `json:"type,omitempty"`
	Start     int64  `json:"start"`
	Increment int64  `json:"increment"`
	Min       int64  `json:"min"`
	Max       int64  `json:"max"`
	Cache     int64  `json:"cache"`
	Cycle     bool   `json:"cycle,omitempty"`
	OwnedBy   string `json:"owned_by,omitempty"` // "table.column"
	Comment   string `json:"comment,omitempty"`
}

// Enum is an enumerated type; Values keep their declared order.
type Enum struct {
	Name    string   `json:"name"`
	Values  []string `json:"values"`
	Comment string   `json:"comment,omitempty"`
}

// Domain is a PostgreSQL domain.
type Domain struct {
	Name      string  `json:"name"`
	Type      string  `json:"type"`
	NotNull   bool    `json:"not_null,omitempty"`
	Default   string  `json:"default,omitempty"`
	Collation string  `json:"collation,omitempty"`
	Checks    []Check `json:"checks,omitempty"`
	Comment   string  `json:"comment,omitempty"`
}

// Composite is a PostgreSQL composite type; Fields keep their order.
type Composite struct {
	Name    string   `json:"name"`
	Fields  []Column `json:"fields"`
	Comment string   `json:"comment,omitempty"`
}

// Extension is an installed PostgreSQL extension.
type Extension struct {
	Name    string `json:"name"`
	Schema  string `json:"schema"`
	Version string `json:"version"`
	Comment string `json:"comment,omitempty"`
}

// Event is a MySQL scheduled event.
type Event struct {
	Name         string `json:"name"`
	Schedule     string `json:"schedule"` // AT ... or EVERY ... [STARTS ...] [ENDS ...]
	OnCompletion string `json:"on_completion,omitempty"`
	Status       string `json:"status"` // ENABLED, DISABLED, SLAVESIDE_DISABLED
	Body         string `json:"body"`
	Comment      string `json:"comment,omitempty"`
}
