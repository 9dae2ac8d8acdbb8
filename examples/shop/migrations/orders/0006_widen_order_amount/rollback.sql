SET lock_timeout = '5s';
DROP TRIGGER IF EXISTS orders_sync_amount_cents ON orders;
DROP FUNCTION IF EXISTS orders_sync_amount_cents();
ALTER TABLE orders DROP COLUMN IF EXISTS amount_cents;
