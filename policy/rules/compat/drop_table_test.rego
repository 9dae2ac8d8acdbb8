package schemagate.rules.compat.drop_table_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.drop_table as r

drop := fx.stmt({"kind": "drop_table", "statement_kind": "drop_table", "target": "public.legacy", "locks": [fx.lock("public.legacy", "AccessExclusiveLock")]})

test_flags_in_backfill if {
	fs := r.findings with input as fx.input_in("backfill", [drop])
	fx.ids(fs) == {["compat/drop-table", 0]}
}

test_contract_is_fine if {
	count(r.findings) == 0 with input as fx.input_in("contract", [drop])
}

test_table_created_in_same_file_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([object.union(drop, {"target_is_new": true})])
}
