package schemagate.rules.compat.rename_table_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.rename_table as r

test_flags_rename if {
	s := fx.alter("public.customer", [fx.action("rename_table", {"new_name": "customers"})], "AccessExclusiveLock")
	fs := r.findings with input as fx.input_of([s])
	fx.ids(fs) == {["compat/rename-table", 0]}
	some f in fs
	contains(f.hint, "CREATE VIEW public.customer AS SELECT * FROM customers")
}

test_rename_column_is_not_rename_table if {
	s := fx.alter("public.customer", [fx.action("rename_column", {"name": "a", "new_name": "b"})], "AccessExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([s])
}
