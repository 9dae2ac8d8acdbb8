package schemagate.rules.compat.add_required_column_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.add_required_column as r

add(over) := fx.alter("public.orders", [fx.action("add_column", object.union({"column": "status", "type": "text", "not_null": true}, over))], "AccessExclusiveLock")

test_flags_not_null_without_default if {
	fs := r.findings with input as fx.input_of([add({})])
	fx.ids(fs) == {["compat/add-required-column", 0]}
	some f in fs
	startswith(f.message, "ADD COLUMN status NOT NULL without a default on existing table public.orders")
}

test_default_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([add({"default": "constant"})])
}

test_identity_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([add({"generated": "identity_always"})])
}

test_nullable_and_create_table_are_fine if {
	count(r.findings) == 0 with input as fx.input_of([
		add({"not_null": false}),
		fx.create_table("public.fresh", [fx.action("add_column", {"column": "a", "type": "text", "not_null": true})]),
	])
}
