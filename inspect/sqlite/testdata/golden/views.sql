CREATE TABLE "t" (
  "a" int,
  "b" text
);
CREATE VIEW "zz_base" AS SELECT a, b FROM t WHERE a > 0;
CREATE VIEW "aa_top" ("x", "y") AS SELECT a * 2, upper(b) FROM zz_base;
