-- The base schema that every mutation and no-op case starts from.
CREATE SCHEMA app;
CREATE TYPE app.state AS ENUM ('open', 'paid', 'void');
CREATE DOMAIN app.amount AS numeric(12,2) CHECK (VALUE >= 0);
CREATE TYPE app.pair AS (a integer, b text);
CREATE SEQUENCE app.ref_seq START WITH 1000;
CREATE TABLE app.customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text COLLATE "C",
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customers_email_check CHECK (email LIKE '%@%')
);
CREATE TABLE app.orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES app.customers (id) ON DELETE CASCADE,
    state app.state NOT NULL DEFAULT 'open',
    total app.amount,
    ref bigint DEFAULT nextval('app.ref_seq'),
    note text,
    doubled numeric GENERATED ALWAYS AS (total * 2) STORED
);
CREATE INDEX orders_customer_idx ON app.orders (customer_id);
CREATE INDEX orders_open_idx ON app.orders (id DESC) WHERE state = 'open';
CREATE TABLE app.logs (at timestamptz NOT NULL, msg text) PARTITION BY RANGE (at);
CREATE TABLE app.logs_2024 PARTITION OF app.logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'x'; RETURN NEW; END $$;
CREATE FUNCTION app.double(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
CREATE TRIGGER orders_touch BEFORE INSERT ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE VIEW app.open_orders AS SELECT id, total FROM app.orders WHERE state = 'open';
CREATE MATERIALIZED VIEW app.totals AS SELECT customer_id, sum(total) AS total FROM app.orders GROUP BY customer_id;
CREATE INDEX totals_customer_idx ON app.totals (customer_id);
ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_mine ON app.orders FOR SELECT USING (customer_id > 0);
COMMENT ON TABLE app.orders IS 'orders';
INSERT INTO app.customers (email) VALUES ('a@b.c');
INSERT INTO app.orders (id, customer_id, total) SELECT g, 1, g FROM generate_series(1, 100) g;
