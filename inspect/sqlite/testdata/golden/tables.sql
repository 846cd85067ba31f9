CREATE TABLE "both_t" (
  "k" int NOT NULL,
  "v" text,
  PRIMARY KEY ("k")
) WITHOUT ROWID, STRICT;
CREATE TABLE "kv" (
  "k" text NOT NULL,
  "v" text,
  PRIMARY KEY ("k")
) WITHOUT ROWID;
CREATE TABLE "odd ""name""" (
  "select" int,
  "from" text
);
CREATE TABLE "plain" (
  "id" integer,
  "note" text
);
CREATE TABLE "strict_t" (
  "id" integer,
  "v" any,
  "r" real,
  "b" blob
) STRICT;
