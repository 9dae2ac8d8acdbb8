package schemagate.rules.lock.exclusive_lock_held_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.exclusive_lock_held as r

add_orders := fx.alter("public.orders", [fx.column("note", "text")], "AccessExclusiveLock")

add_customers := fx.alter("public.customers", [fx.column("note", "text")], "AccessExclusiveLock")

test_flags_slow_work_after_exclusive if {
	fs := r.findings with input as fx.input_of([add_orders, fx.update("public.lines")])
	fx.ids(fs) == {["lock/exclusive-lock-held", 1]}
	some f in fs
	contains(f.message, "ACCESS EXCLUSIVE lock on public.orders taken at line 1")
}

test_flags_second_table_once if {
	third := fx.alter("public.lines", [fx.column("note", "text")], "AccessExclusiveLock")
	fs := r.findings with input as fx.input_of([add_orders, add_customers, third])
	fx.ids(fs) == {["lock/exclusive-lock-held", 1]}
	some f in fs
	contains(f.message, "lock on public.customers while this transaction still holds one on public.orders")
}

test_same_table_twice_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([add_orders, add_orders])
}

test_non_transactional_is_fine if {
	inp := fx.with_parts(fx.input_of([add_orders, add_customers, fx.update("public.lines")]), {"file": {"transactional": false}})
	count(r.findings) == 0 with input as inp
}

test_slow_work_before_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([fx.update("public.lines"), add_orders])
}

test_validate_after_not_valid_is_left_to_validate_in_same_transaction if {
	add := fx.alter("public.orders", [fx.action("add_constraint", {"constraint": fx.constraint("check", {"name": "c", "not_valid": true})})], "AccessExclusiveLock")
	validate := object.union(fx.alter("public.orders", [fx.action("validate_constraint", {"name": "c"})], "ShareUpdateExclusiveLock"), {"scan": true})
	count(r.findings) == 0 with input as fx.input_of([add, validate])
	other := object.union(validate, {"actions": [fx.action("validate_constraint", {"name": "other"})]})
	fx.ids(r.findings) == {["lock/exclusive-lock-held", 1]} with input as fx.input_of([add, other])
}
