-- Copy the old column into the new one, one batch per run.
UPDATE customers
   SET display_name = full_name
 WHERE id IN (SELECT id FROM customers WHERE display_name IS NULL ORDER BY id LIMIT 1000);
