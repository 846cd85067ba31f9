-- What a release changes: a new column, a new table with a foreign key, a new
-- index, and a view that now shows the new column.
ALTER TABLE orders ADD COLUMN shipped_at TEXT;
CREATE TABLE coupons (
  code        TEXT PRIMARY KEY,
  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  percent_off INTEGER NOT NULL CHECK (percent_off BETWEEN 1 AND 100)
);
CREATE INDEX orders_shipped_idx ON orders (shipped_at) WHERE shipped_at IS NOT NULL;
DROP VIEW open_orders;
CREATE VIEW open_orders AS
  SELECT o.id, c.email, o.placed_at, o.shipped_at FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.state = 'open';
