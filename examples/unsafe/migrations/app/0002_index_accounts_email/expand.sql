-- UNSAFE (lock/create-index-blocking): SHARE lock on accounts for the whole build; every write waits.
CREATE INDEX accounts_email_idx ON accounts (email);
