-- Copy the old column into the new one, batch by batch over customers' id ranges. Rows written
-- meanwhile are kept in sync by the trigger of expand.sql; rows already copied are skipped.
-- schemagate:backfill table=customers key=id batch=1000
UPDATE customers
   SET display_name = full_name
 WHERE id BETWEEN $1 AND $2
   AND display_name IS NULL;
