CREATE TABLE "parent" (
  "id" integer,
  "a" int,
  "b" int,
  PRIMARY KEY ("id"),
  UNIQUE ("a", "b")
);
CREATE TABLE "child" (
  "id" integer,
  "p" int,
  "q" int,
  "a" int,
  "b" int,
  "up" int,
  PRIMARY KEY ("id"),
  FOREIGN KEY ("a", "b") REFERENCES "parent" ("a", "b") ON UPDATE NO ACTION ON DELETE RESTRICT MATCH FULL DEFERRABLE INITIALLY IMMEDIATE,
  FOREIGN KEY ("p") REFERENCES "parent" ("id") ON UPDATE SET NULL ON DELETE CASCADE,
  FOREIGN KEY ("up") REFERENCES "child" ("id") ON UPDATE NO ACTION ON DELETE SET DEFAULT,
  CONSTRAINT "child_q" FOREIGN KEY ("q") REFERENCES "parent" ON UPDATE NO ACTION ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED
);
