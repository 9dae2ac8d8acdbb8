-- orders@1: the first tables of the shop. New tables: no existing rows, no lock hazard.
CREATE TABLE customers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text        NOT NULL UNIQUE,
    full_name   text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint      NOT NULL,
    status       text        NOT NULL DEFAULT 'pending',
    total_cents  integer     NOT NULL,
    coupon_code  text,
    created_at   timestamptz DEFAULT now()
);

CREATE INDEX orders_customer_id_idx ON orders (customer_id);
