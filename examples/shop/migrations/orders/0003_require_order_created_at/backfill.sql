-- Rows written before orders@1 set a default may hold NULL. The runner walks orders by id and runs
-- the UPDATE once per key range ($1, $2: first and last id of the batch); only rows still NULL
-- are touched, so a repeated or resumed batch changes nothing twice.
-- schemagate:backfill table=orders key=id batch=1000
UPDATE orders
   SET created_at = now()
 WHERE id BETWEEN $1 AND $2
   AND created_at IS NULL;
