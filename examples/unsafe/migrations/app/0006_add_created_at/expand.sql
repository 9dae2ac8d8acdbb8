-- UNSAFE (lock/table-rewrite): clock_timestamp() is volatile, so every existing row is rewritten
-- under ACCESS EXCLUSIVE (a constant default or now() would not rewrite).
ALTER TABLE payments ADD COLUMN created_at timestamptz NOT NULL DEFAULT clock_timestamp();
