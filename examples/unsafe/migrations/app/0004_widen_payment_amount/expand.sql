-- UNSAFE (lock/table-rewrite, compat/change-column-type): integer -> bigint rewrites the table
-- and its indexes under ACCESS EXCLUSIVE.
ALTER TABLE payments ALTER COLUMN amount TYPE bigint;
