-- Once no running code reads or writes full_name (all pods require orders@5 or later).
SET lock_timeout = '5s';

DROP TRIGGER customers_sync_display_name ON customers;
DROP FUNCTION customers_sync_display_name();
ALTER TABLE customers DROP COLUMN full_name;
