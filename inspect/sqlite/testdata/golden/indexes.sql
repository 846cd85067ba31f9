CREATE TABLE "items" (
  "id" integer,
  "name" text COLLATE "NOCASE",
  "price" real,
  "tags" text,
  "deleted" int,
  PRIMARY KEY ("id")
);
CREATE INDEX "items_json" ON "items" (json_extract(tags, '$.kind'));
CREATE INDEX "items_live" ON "items" ("price") WHERE deleted IS NULL AND price > 0;
CREATE INDEX "items_lower" ON "items" (lower(tags) COLLATE "NOCASE" DESC, length(name));
CREATE INDEX "items_name" ON "items" ("name");
CREATE UNIQUE INDEX "items_name_price" ON "items" ("name" COLLATE "BINARY", "price" DESC);
