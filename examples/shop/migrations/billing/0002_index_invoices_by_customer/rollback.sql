DROP INDEX IF EXISTS invoices_customer_id_idx;
