CREATE TABLE "cols" (
  "a" integer NOT NULL,
  "b" varchar(40) DEFAULT 'x''y',
  "c" numeric(10,2) DEFAULT -1.5,
  "d" text DEFAULT (lower('ABC')) COLLATE "NOCASE",
  "e" datetime DEFAULT CURRENT_TIMESTAMP,
  "f",
  "g" blob DEFAULT x'00ff',
  "h" real GENERATED ALWAYS AS (a * 2) STORED,
  "i" text GENERATED ALWAYS AS (b || '!') VIRTUAL,
  "j" text NOT NULL DEFAULT '' COLLATE "RTRIM"
);
