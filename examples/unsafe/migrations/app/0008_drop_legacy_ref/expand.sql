-- UNSAFE (compat/drop-column): running code still reads legacy_ref.
ALTER TABLE accounts DROP COLUMN legacy_ref;
