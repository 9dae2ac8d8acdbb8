-- orders@6: integer cents overflow at 21 million euros. ALTER COLUMN ... TYPE bigint would
-- rewrite the table under ACCESS EXCLUSIVE, so the type changes through a new column instead.
SET lock_timeout = '5s';

ALTER TABLE orders ADD COLUMN amount_cents bigint;

-- New rows must carry an amount; existing rows are checked in the contract phase.
ALTER TABLE orders
    ADD CONSTRAINT orders_amount_cents_not_null CHECK (amount_cents IS NOT NULL) NOT VALID;

CREATE FUNCTION orders_sync_amount_cents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Old code writes total_cents only, new code amount_cents only. Until the contract, an
    -- amount above 2^31-1 fails the assignment to total_cents: old code could not read it.
    IF TG_OP = 'INSERT' THEN
        NEW.amount_cents := COALESCE(NEW.amount_cents, NEW.total_cents);
        NEW.total_cents  := COALESCE(NEW.total_cents, NEW.amount_cents);
    ELSIF NEW.amount_cents IS DISTINCT FROM OLD.amount_cents THEN
        NEW.total_cents := NEW.amount_cents;
    ELSIF NEW.total_cents IS DISTINCT FROM OLD.total_cents OR NEW.amount_cents IS NULL THEN
        -- old code changed total_cents, or wrote a row the backfill has not reached (its
        -- amount_cents is still NULL, and the NOT VALID check applies to the new row version)
        NEW.amount_cents := NEW.total_cents;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_sync_amount_cents
    BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_sync_amount_cents();
