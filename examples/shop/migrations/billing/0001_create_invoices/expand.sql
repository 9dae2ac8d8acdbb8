-- billing@1: invoices live in their own database; customer_id refers to the orders database
-- by value only.
CREATE TABLE invoices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     bigint      NOT NULL,
    customer_id  bigint      NOT NULL,
    amount_cents bigint      NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX invoices_order_id_key ON invoices (order_id);
