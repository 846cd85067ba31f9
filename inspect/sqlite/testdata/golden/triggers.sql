CREATE TABLE "acct" (
  "id" integer,
  "bal" int,
  "updated" text,
  PRIMARY KEY ("id")
);
CREATE TABLE "log" (
  "msg" text
);
CREATE VIEW "acct_v" AS SELECT id, bal FROM acct;
CREATE TRIGGER "acct_del" BEFORE DELETE ON "acct" FOR EACH ROW BEGIN DELETE FROM log; INSERT INTO log VALUES('del'); END;
CREATE TRIGGER "acct_ins" AFTER INSERT ON "acct" FOR EACH ROW BEGIN INSERT INTO log VALUES('ins ' || new.id); END;
CREATE TRIGGER "acct_upd" BEFORE UPDATE OF "bal" ON "acct" FOR EACH ROW WHEN new.bal < 0 BEGIN SELECT RAISE(ABORT, 'negative'); END;
CREATE TRIGGER "acct_v_ins" INSTEAD OF INSERT ON "acct_v" FOR EACH ROW BEGIN INSERT INTO acct(id, bal) VALUES(new.id, new.bal); END;
