-- billing@3: a constant default: no table rewrite.
SET lock_timeout = '2s';

ALTER TABLE invoices ADD COLUMN status text NOT NULL DEFAULT 'issued';
