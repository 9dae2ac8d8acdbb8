package schemagate.rules.compat.set_not_null_early_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.set_not_null_early as r

set_not_null := fx.alter("public.orders", [fx.action("set_not_null", {"column": "status"})], "AccessExclusiveLock")

test_flags_in_expand if {
	fs := r.findings with input as fx.input_of([set_not_null])
	fx.ids(fs) == {["compat/set-not-null-early", 0]}
	some f in fs
	startswith(f.message, "NOT NULL on public.orders.status in an expand phase")
}

test_flags_not_null_constraint if {
	s := fx.alter("public.orders", [fx.action("add_constraint", {"constraint": fx.constraint("not_null", {"columns": ["status"], "not_valid": true})})], "AccessExclusiveLock")
	fx.ids(r.findings) == {["compat/set-not-null-early", 0]} with input as fx.input_of([s])
}

test_two_columns_in_one_statement if {
	s := fx.alter("public.orders", [fx.action("set_not_null", {"column": "a"}), fx.action("set_not_null", {"column": "b"})], "AccessExclusiveLock")
	count(r.findings) == 2 with input as fx.input_of([s])
}

test_contract_and_plain_files_are_fine if {
	count(r.findings) == 0 with input as fx.input_in("contract", [set_not_null])
	count(r.findings) == 0 with input as fx.input_in(null, [set_not_null])
}
