CREATE TABLE "u" (
  "a" text,
  "b" int,
  "c" text COLLATE "NOCASE",
  "d" int,
  UNIQUE ("a"),
  UNIQUE ("c" DESC, "d"),
  CONSTRAINT "u_b" UNIQUE ("b") ON CONFLICT FAIL,
  CONSTRAINT "u_cd" UNIQUE ("d", "c" COLLATE "BINARY")
);
