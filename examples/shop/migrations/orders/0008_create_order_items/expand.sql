-- orders@8: order lines. A new table; its foreign key takes a short SHARE ROW EXCLUSIVE lock on
-- orders (the referenced table) at creation.
SET lock_timeout = '5s';

CREATE TABLE order_items (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    sku           text    NOT NULL,
    quantity      integer NOT NULL CHECK (quantity > 0),
    price_cents   bigint  NOT NULL
);

-- Deleting an order scans order_items for its lines without this index.
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
