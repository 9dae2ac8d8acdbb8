-- Copy total_cents into amount_cents over orders' id ranges. The sync trigger of expand.sql keeps
-- rows that old or new code writes during the backfill consistent; rows already copied are skipped.
-- schemagate:backfill table=orders key=id batch=1000 target=150ms
UPDATE orders
   SET amount_cents = total_cents
 WHERE id BETWEEN $1 AND $2
   AND amount_cents IS NULL;
