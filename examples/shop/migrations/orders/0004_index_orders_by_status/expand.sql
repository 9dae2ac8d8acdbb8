-- schemagate:phase transactional=false
-- orders@4: CREATE INDEX CONCURRENTLY cannot run inside a transaction block, hence the phase
-- option above. It takes SHARE UPDATE EXCLUSIVE: writes continue during the build.
SET lock_timeout = '5s';

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_created_at_idx
    ON orders (status, created_at);
