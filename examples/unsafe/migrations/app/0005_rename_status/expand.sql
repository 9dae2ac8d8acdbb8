-- UNSAFE (compat/rename-column): running code still selects payments.status.
ALTER TABLE payments RENAME COLUMN status TO state;
