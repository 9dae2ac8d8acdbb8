package schemagate.rules.hygiene.foreign_key_without_index_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.foreign_key_without_index as r

fk := fx.constraint("foreign_key", {"columns": ["order_id"], "referenced_table": "public.orders"})

test_flags_unindexed_fk_in_create_table if {
	s := fx.create_table("public.lines", [fx.column("order_id", "int8"), fx.action("add_constraint", {"constraint": fk, "fk_columns_indexed": false})])
	fs := r.findings with input as fx.input_of([s])
	fx.ids(fs) == {["hygiene/foreign-key-without-index", 0]}
	some f in fs
	contains(f.hint, "CREATE INDEX CONCURRENTLY ON public.lines (order_id)")
}

test_flags_inline_references if {
	s := fx.alter("public.lines", [fx.action("add_column", {"column": "order_id", "type": "int8", "constraint": fk, "fk_columns_indexed": false})], "ShareRowExclusiveLock")
	count(r.findings) == 1 with input as fx.input_of([s])
}

test_indexed_or_unknown_is_fine if {
	s := fx.create_table("public.lines", [fx.action("add_constraint", {"constraint": fk, "fk_columns_indexed": true}), fx.action("add_constraint", {"constraint": fk})])
	count(r.findings) == 0 with input as fx.input_of([s])
}
