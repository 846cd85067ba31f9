table "ticks" {
  schema = schema.fixture
  column "at" {
    null = false
    type = datetime
  }
}
event "ev_compound" {
  schema   = schema.fixture
  schedule = "EVERY '1:30' HOUR_MINUTE STARTS '2030-01-01 00:00:00'"
  status   = DISABLED
  as       = "BEGIN DELETE FROM ticks; INSERT INTO ticks VALUES (now()); END"
}
event "ev_every" {
  schema        = schema.fixture
  schedule      = "EVERY 1 HOUR STARTS '2030-01-01 00:00:00' ENDS '2031-01-01 00:00:00'"
  on_completion = PRESERVE
  status        = DISABLED
  comment       = "hourly"
  as            = "INSERT INTO ticks VALUES (now())"
}
event "ev_once" {
  schema   = schema.fixture
  schedule = "AT '2035-06-01 12:00:00'"
  status   = ENABLED
  as       = "DELETE FROM ticks"
}
schema "fixture" {
  charset = "utf8mb4"
  collate = "utf8mb4_general_ci"
}
