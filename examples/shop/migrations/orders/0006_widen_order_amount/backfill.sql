UPDATE orders
   SET amount_cents = total_cents
 WHERE id IN (SELECT id FROM orders WHERE amount_cents IS NULL ORDER BY id LIMIT 1000);
