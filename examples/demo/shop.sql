-- The demo database: a small shop, as a team might monitor it.
CREATE TABLE customers (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  email      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
);
CREATE TABLE orders (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paid', 'void')),
  placed_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
) WITHOUT ROWID;
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_open_idx ON orders (placed_at DESC) WHERE state = 'open';
CREATE VIEW open_orders AS
  SELECT o.id, c.email, o.placed_at FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.state = 'open';
CREATE TRIGGER orders_void_items AFTER UPDATE OF state ON orders WHEN NEW.state = 'void'
BEGIN
  DELETE FROM order_items WHERE order_id = NEW.id;
END;
