-- Rows written before orders@1 set a default may hold NULL. One batch per statement run;
-- the runner repeats it until it updates no row.
UPDATE orders
   SET created_at = now()
 WHERE id IN (SELECT id FROM orders WHERE created_at IS NULL ORDER BY id LIMIT 1000);
