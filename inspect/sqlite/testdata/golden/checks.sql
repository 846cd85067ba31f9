CREATE TABLE "ch" (
  "qty" int,
  "price" real,
  "lo" int,
  "hi" int,
  CHECK (lo <= hi),
  CHECK (qty >= 0),
  CONSTRAINT "price_positive" CHECK (price > 0),
  CONSTRAINT "sane" CHECK (lo IS NULL OR hi IS NOT NULL)
);
