package schemagate.rules.compat.drop_column_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.drop_column as r

drop := fx.alter("public.orders", [fx.action("drop_column", {"column": "legacy_name"})], "AccessExclusiveLock")

test_flags_in_expand if {
	fs := r.findings with input as fx.input_of([drop])
	fx.ids(fs) == {["compat/drop-column", 0]}
	some f in fs
	startswith(f.message, "DROP COLUMN public.orders.legacy_name outside a contract phase")
}

test_flags_in_plain_file if {
	fx.ids(r.findings) == {["compat/drop-column", 0]} with input as fx.input_in(null, [drop])
}

test_contract_is_fine if {
	count(r.findings) == 0 with input as fx.input_in("contract", [drop])
}

test_missing_fields_do_not_hide_the_finding if {
	s := fx.alter("public.orders", [fx.action("drop_column", {})], "AccessExclusiveLock")
	some f in r.findings with input as fx.input_of([s])
	startswith(f.message, "DROP COLUMN public.orders.(unknown) outside")
}
