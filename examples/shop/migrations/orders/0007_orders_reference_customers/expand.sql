-- schemagate:phase transactional=false
-- orders@7: the foreign key orders.customer_id -> customers.id (orders_customer_id_idx from
-- orders@1 serves it). NOT VALID takes SHARE ROW EXCLUSIVE on both tables only for the catalog
-- change; VALIDATE then scans under SHARE UPDATE EXCLUSIVE on orders and ROW SHARE on customers,
-- so writes continue. Non-transactional: each statement commits on its own, so the first
-- statement's lock is released before the scan.
SET lock_timeout = '5s';

ALTER TABLE orders
    ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
