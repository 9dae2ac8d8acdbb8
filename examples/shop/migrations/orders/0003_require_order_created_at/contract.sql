-- VALIDATE scans under SHARE UPDATE EXCLUSIVE (reads and writes continue). SET NOT NULL is then
-- proven by the valid CHECK constraint, so it skips its own scan (PostgreSQL 12+), and the CHECK
-- is redundant afterwards.
SET lock_timeout = '5s';

ALTER TABLE orders VALIDATE CONSTRAINT orders_created_at_not_null;
ALTER TABLE orders ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_created_at_not_null;
