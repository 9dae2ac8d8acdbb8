package schemagate.rules.lock.unbatched_dml_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.unbatched_dml as r

test_flags_update if {
	fs := r.findings with input as fx.input_in("backfill", [fx.update("public.orders")])
	fx.ids(fs) == {["lock/unbatched-dml", 0]}
	some f in fs
	startswith(f.message, "UPDATE changes public.orders in one statement")
}

test_flags_insert_select_and_delete if {
	ins := fx.stmt({"kind": "insert_select", "statement_kind": "insert_select", "target": "public.archive"})
	del := fx.stmt({"kind": "delete", "statement_kind": "delete", "target": "public.orders"})
	fx.ids(r.findings) == {["lock/unbatched-dml", 0], ["lock/unbatched-dml", 1]} with input as fx.input_in("backfill", [ins, del])
}

test_plain_insert_and_new_table_are_fine if {
	ins := fx.stmt({"kind": "insert", "statement_kind": "insert", "target": "public.orders"})
	upd := object.union(fx.update("public.fresh"), {"target_is_new": true})
	count(r.findings) == 0 with input as fx.input_in("backfill", [ins, upd])
}

batch := object.union(fx.update("public.orders"), {"flags": ["has_where", "parameterized"]})

test_key_range_batch_in_backfill_is_fine if {
	count(r.findings) == 0 with input as fx.input_in("backfill", [batch])
}

test_parameters_outside_backfill_are_no_batches if {
	fs := r.findings with input as fx.input_in("expand", [batch])
	fx.ids(fs) == {["lock/unbatched-dml", 0]}
}
