-- UNSAFE (compat/drop-column, phase/destructive-in-expand): running code still reads legacy_ref.
ALTER TABLE accounts DROP COLUMN legacy_ref;
