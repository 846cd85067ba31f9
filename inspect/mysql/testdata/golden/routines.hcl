table "nums" {
  schema = schema.fixture
  column "n" {
    null = false
    type = int
  }
  primary_key {
    columns = [column.n]
  }
}
function "add_one" {
  schema        = schema.fixture
  lang          = "SQL"
  args          = "`x` int"
  return        = int
  security      = DEFINER
  deterministic = true
  data_access   = "NO SQL"
  comment       = "adds one"
  as            = "RETURN x + 1"
}
procedure "fill" {
  schema      = schema.fixture
  lang        = "SQL"
  args        = "IN `upto` int, OUT `made` int, INOUT `note` varchar(10)"
  security    = DEFINER
  data_access = "MODIFIES SQL DATA"
  as          = <<-SQL
  BEGIN
    DECLARE i int DEFAULT 0;
    WHILE i < upto DO
      INSERT INTO nums VALUES (i);
      SET i = i + 1;
    END WHILE;
    SET made = i;
    SET note = 'done';
  END
  SQL
}
function "greet" {
  schema      = schema.fixture
  lang        = "SQL"
  args        = "`who` varchar(20)"
  return      = varchar(40)
  data_access = "READS SQL DATA"
  as          = "RETURN concat('hi ', who)"
}
procedure "noop" {
  schema      = schema.fixture
  lang        = "SQL"
  security    = DEFINER
  data_access = "CONTAINS SQL"
  as          = "BEGIN END"
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
