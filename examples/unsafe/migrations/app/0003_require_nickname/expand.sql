-- UNSAFE (lock/scan-under-exclusive-lock, compat/set-not-null-early): scans the whole table
-- under ACCESS EXCLUSIVE, and old code that writes NULL breaks immediately.
ALTER TABLE accounts ALTER COLUMN nickname SET NOT NULL;
