package schemagate.rules.compat.rename_column_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.rename_column as r

rename := fx.alter("public.customers", [fx.action("rename_column", {"name": "name", "new_name": "full_name"})], "AccessExclusiveLock")

test_flags_rename_in_any_phase if {
	fs := r.findings with input as fx.input_in("contract", [rename])
	fx.ids(fs) == {["compat/rename-column", 0]}
	some f in fs
	startswith(f.message, "RENAME COLUMN public.customers.name to full_name")
	contains(f.hint, "ADD COLUMN full_name")
}

test_new_table_is_fine if {
	s := fx.alter_new("public.customers", [fx.action("rename_column", {"name": "name", "new_name": "full_name"})], "AccessExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([s])
}
