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
