-- billing@2: invoices by customer, for the account page.
SET lock_timeout = '2s';

-- schemagate:allow lock/create-index-blocking reason="invoices is append-only and under 50k rows in every environment; the SHARE lock lasts well under a second"
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
