SET lock_timeout = '5s';
DROP TRIGGER IF EXISTS customers_sync_display_name ON customers;
DROP FUNCTION IF EXISTS customers_sync_display_name();
ALTER TABLE customers DROP COLUMN IF EXISTS display_name;
