CREATE TABLE "alias" (
  "id" integer,
  "v" text,
  PRIMARY KEY ("id")
);
CREATE TABLE "auto" (
  "id" integer PRIMARY KEY AUTOINCREMENT,
  "v" text
);
CREATE TABLE "composite" (
  "a" text,
  "b" int,
  CONSTRAINT "composite_pk" PRIMARY KEY ("b" DESC, "a" COLLATE "NOCASE") ON CONFLICT REPLACE
);
CREATE TABLE "textpk" (
  "code" text NOT NULL,
  PRIMARY KEY ("code") ON CONFLICT IGNORE
);
