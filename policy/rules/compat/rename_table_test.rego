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

rename := fx.alter("public.customer", [fx.action("rename_table", {"new_name": "customers"})], "AccessExclusiveLock")

view(name) := fx.stmt({"kind": "create_view", "statement_kind": "create_view", "target": name})

test_compatibility_view_in_the_same_transaction_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([rename, view("public.customer")])
}

test_view_of_another_name_does_not_count if {
	fs := r.findings with input as fx.input_of([rename, view("public.customer_list")])
	fx.ids(fs) == {["compat/rename-table", 0]}
}

test_view_outside_a_transaction_does_not_count if {
	inp := fx.with_parts(fx.input_of([rename, view("public.customer")]), {"file": object.union(fx.file("expand"), {"transactional": false})})
	fs := r.findings with input as inp
	fx.ids(fs) == {["compat/rename-table", 0]}
}
