-- schemagate:phase transactional=false
SET lock_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS orders_status_created_at_idx;
