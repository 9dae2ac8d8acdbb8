-- orders@2: a column with a constant default. Since PostgreSQL 11 the default is stored in the
-- catalog and existing rows are not rewritten; the ACCESS EXCLUSIVE lock is held only briefly.
SET lock_timeout = '5s';

ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'EUR';
