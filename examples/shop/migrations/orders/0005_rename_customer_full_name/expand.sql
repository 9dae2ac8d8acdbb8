-- orders@5: rename customers.full_name to display_name without breaking running code.
-- Expand: the new column, kept in sync with the old one by a trigger in both directions, so
-- old code (writes full_name) and new code (writes display_name) can run side by side.
SET lock_timeout = '5s';

ALTER TABLE customers ADD COLUMN display_name text;

CREATE FUNCTION customers_sync_display_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.display_name := COALESCE(NEW.display_name, NEW.full_name);
        NEW.full_name    := COALESCE(NEW.full_name, NEW.display_name);
    ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
        NEW.full_name := NEW.display_name;
    ELSE
        NEW.display_name := NEW.full_name;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER customers_sync_display_name
    BEFORE INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION customers_sync_display_name();
