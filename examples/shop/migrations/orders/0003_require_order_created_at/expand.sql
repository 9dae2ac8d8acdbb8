-- orders@3: make orders.created_at NOT NULL without scanning under ACCESS EXCLUSIVE.
-- NOT VALID: new and updated rows are checked at once, existing rows are not scanned.
SET lock_timeout = '5s';

ALTER TABLE orders
    ADD CONSTRAINT orders_created_at_not_null CHECK (created_at IS NOT NULL) NOT VALID;
