-- UNSAFE (lock/foreign-key-validation): validates every row while holding SHARE ROW EXCLUSIVE on
-- both tables; writes to payments and accounts wait for the scan.
ALTER TABLE payments
    ADD CONSTRAINT payments_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id);
