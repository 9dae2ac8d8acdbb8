SET lock_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_id_fkey;
