package schemagate.rules.lock.constraint_builds_index_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.constraint_builds_index as r

add(type, using_index) := fx.alter(
	"public.orders",
	[fx.action("add_constraint", {"constraint": fx.constraint(type, {"name": "orders_ref_key", "columns": ["ref"], "using_index": using_index})})],
	"AccessExclusiveLock",
)

test_flags_unique if {
	fs := r.findings with input as fx.input_of([add("unique", null)])
	fx.ids(fs) == {["lock/constraint-builds-index", 0]}
	some f in fs
	startswith(f.message, "ADD UNIQUE on existing table public.orders")
	contains(f.hint, "UNIQUE USING INDEX")
}

test_flags_primary_key_and_exclude if {
	count(r.findings) == 1 with input as fx.input_of([add("primary_key", null)])
	some f in r.findings with input as fx.input_of([add("exclude", null)])
	contains(f.hint, "no USING INDEX form")
}

test_using_index_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([add("unique", "orders_ref_idx")])
}

test_inline_unique_column if {
	s := fx.alter("public.orders", [fx.action("add_column", {"column": "ref", "type": "text", "constraint": fx.constraint("unique", {"columns": ["ref"]})})], "AccessExclusiveLock")
	fx.ids(r.findings) == {["lock/constraint-builds-index", 0]} with input as fx.input_of([s])
}

test_check_is_not_an_index if {
	count(r.findings) == 0 with input as fx.input_of([add("check", null)])
}
