package schemagate.rules.lock.validate_in_same_transaction_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.validate_in_same_transaction as r

add_not_valid := fx.alter(
	"public.orders",
	[fx.action("add_constraint", {"constraint": fx.constraint("check", {"name": "orders_total_positive", "not_valid": true})})],
	"AccessExclusiveLock",
)

validate(name) := fx.alter("public.orders", [fx.action("validate_constraint", {"name": name})], "ShareUpdateExclusiveLock")

test_flags_validate_after_add if {
	fs := r.findings with input as fx.input_of([add_not_valid, validate("orders_total_positive")])
	fx.ids(fs) == {["lock/validate-in-same-transaction", 1]}
	some f in fs
	contains(f.message, "(line 1), whose ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes) lasts until COMMIT")
}

test_other_constraint_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([add_not_valid, validate("other")])
}

test_validate_alone_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([validate("orders_total_positive")])
}

test_non_transactional_is_fine if {
	inp := fx.with_parts(fx.input_of([add_not_valid, validate("orders_total_positive")]), {"file": {"transactional": false}})
	count(r.findings) == 0 with input as inp
}
