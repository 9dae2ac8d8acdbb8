package schemagate.rules.phase.dml_outside_backfill_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.phase.dml_outside_backfill as r

test_flags_update_in_expand_and_contract if {
	fx.ids(r.findings) == {["phase/dml-outside-backfill", 0]} with input as fx.input_of([fx.update("public.orders")])
	fx.ids(r.findings) == {["phase/dml-outside-backfill", 0]} with input as fx.input_in("contract", [fx.update("public.orders")])
}

test_backfill_and_plain_are_fine if {
	count(r.findings) == 0 with input as fx.input_in("backfill", [fx.update("public.orders")])
	count(r.findings) == 0 with input as fx.input_in(null, [fx.update("public.orders")])
}

test_seed_insert_is_fine if {
	ins := fx.stmt({"kind": "insert", "statement_kind": "insert", "target": "public.order_states"})
	count(r.findings) == 0 with input as fx.input_of([ins])
}

copy_into_new := fx.stmt({
	"kind": "insert_select", "statement_kind": "insert_select", "target": "public.customers_new",
	"target_is_new": true, "locks": [
		fx.new_lock("public.customers_new", "RowExclusiveLock"),
		fx.lock("public.customers", "AccessShareLock"),
	],
})

# Issue 13: copying a live table into a table created in the same expand was not flagged at all.
test_flags_copy_of_existing_table_into_new_table if {
	fs := r.findings with input as fx.input_of([copy_into_new])
	fx.ids(fs) == {["phase/dml-outside-backfill", 0]}
	some f in fs
	contains(f.message, "copies rows of existing table public.customers into new table public.customers_new in the expand phase")
	endswith(f.message, "keeps every lock taken before it until the copy ends")
	count(r.findings) == 0 with input as fx.input_in("backfill", [copy_into_new])
}

test_copy_between_new_tables_is_fine if {
	s := object.union(copy_into_new, {"locks": [
		fx.new_lock("public.customers_new", "RowExclusiveLock"),
		fx.new_lock("public.customers_staging", "AccessShareLock"),
	]})
	count(r.findings) == 0 with input as fx.input_of([s])
}
