-- orders@9: coupons moved to the promotions service; since orders@8 no code reads
-- orders.coupon_code. Dropping a column only marks it dropped in the catalog (no rewrite), but
-- takes ACCESS EXCLUSIVE, hence the lock_timeout.
SET lock_timeout = '5s';

ALTER TABLE orders DROP COLUMN coupon_code;
