-- Once every pod requires orders@6 or later: nothing reads total_cents any more.
SET lock_timeout = '5s';

ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_not_null;
ALTER TABLE orders ALTER COLUMN amount_cents SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_amount_cents_not_null;
DROP TRIGGER orders_sync_amount_cents ON orders;
DROP FUNCTION orders_sync_amount_cents();
ALTER TABLE orders DROP COLUMN total_cents;
