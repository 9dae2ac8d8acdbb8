-- UNSAFE (lock/unbatched-dml, phase/dml-outside-backfill): one UPDATE locks every row it touches
-- until commit and bloats the table at once.
UPDATE accounts SET email = lower(email);
