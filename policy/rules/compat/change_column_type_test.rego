package schemagate.rules.compat.change_column_type_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.change_column_type as r

change(type, rewrite) := object.union(
	fx.alter("public.orders", [fx.action("alter_column_type", {"column": "total", "type": type, "type_raw": type})], "AccessExclusiveLock"),
	{"rewrite": rewrite},
)

test_flags_rewriting_change if {
	fs := r.findings with input as fx.input_in("contract", [change("int8", true)])
	fx.ids(fs) == {["compat/change-column-type", 0]}
	some f in fs
	startswith(f.message, "ALTER COLUMN public.orders.total TYPE int8")
}

test_binary_coercible_change_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([change("text", false)])
}

test_flags_shortening_that_only_scans if {
	s := object.union(change("varchar", false), {"scan": true})
	count(r.findings) == 1 with input as fx.input_of([s])
}
