package schemagate.rules.lock.scan_under_exclusive_lock_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.scan_under_exclusive_lock as r

set_not_null := object.union(
	fx.alter("public.orders", [fx.action("set_not_null", {"column": "status"})], "AccessExclusiveLock"),
	{"scan": true},
)

test_flags_set_not_null_scan if {
	fs := r.findings with input as fx.input_of([set_not_null])
	fx.ids(fs) == {["lock/scan-under-exclusive-lock", 0]}
	some f in fs
	contains(f.message, "scans every row of existing table public.orders")
	contains(f.hint, "CHECK (status IS NOT NULL) NOT VALID")
}

test_set_not_null_proven_by_check_is_fine if {
	s := fx.alter("public.orders", [fx.action("set_not_null", {"column": "status"})], "AccessExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_check_constraint_hint if {
	s := object.union(fx.alter("public.orders", [fx.action("add_constraint", {"constraint": fx.constraint("check", {"name": "positive"})})], "AccessExclusiveLock"), {"scan": true})
	some f in r.findings with input as fx.input_of([s])
	contains(f.hint, "NOT VALID")
}

test_scan_under_weaker_lock_is_fine if {
	s := object.union(fx.alter("public.orders", [fx.action("validate_constraint", {"name": "positive"})], "ShareUpdateExclusiveLock"), {"scan": true})
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_rewrite_left_to_table_rewrite if {
	s := object.union(set_not_null, {"rewrite": true})
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_inline_references_left_to_foreign_key_validation if {
	a := fx.action("add_column", {"column": "referrer_id", "constraint": fx.constraint("foreign_key", {"referenced_table": "public.customers"})})
	s := object.union(fx.alter("public.orders", [a], "AccessExclusiveLock"), {"scan": true})
	count(r.findings) == 0 with input as fx.input_of([s])
}
