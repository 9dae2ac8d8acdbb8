CREATE TABLE orders (
    id     serial PRIMARY KEY,
    status text NOT NULL DEFAULT 'new'
);

CREATE TABLE order_items (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id integer NOT NULL REFERENCES orders ON DELETE CASCADE,
    quantity integer NOT NULL
);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);

CREATE TABLE payments (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id integer,
    amount   integer NOT NULL
);
CREATE INDEX payments_order_id_idx ON payments (order_id);
ALTER TABLE payments ADD CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)
    MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE tags (
    id    integer PRIMARY KEY,
    label text NOT NULL
);

CREATE TABLE events (
    id     bigint PRIMARY KEY,
    amount integer NOT NULL,
    kind   integer
) PARTITION BY RANGE (id);
CREATE TABLE events_low PARTITION OF events FOR VALUES FROM (MINVALUE) TO (1000000);
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE INDEX events_kind_idx ON events (kind);
