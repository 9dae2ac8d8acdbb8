package schemagate.rules.lock.foreign_key_validation_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.foreign_key_validation as r

add_fk(not_valid) := fx.alter(
	"public.orders",
	[fx.action("add_constraint", {"constraint": fx.constraint("foreign_key", {
		"name": "orders_customer_fk", "columns": ["customer_id"],
		"referenced_table": "public.customers", "not_valid": not_valid,
	})})],
	"ShareRowExclusiveLock",
)

test_flags_validated_fk if {
	fs := r.findings with input as fx.input_of([add_fk(false)])
	fx.ids(fs) == {["lock/foreign-key-validation", 0]}
	some f in fs
	contains(f.message, "against public.customers while holding SHARE ROW EXCLUSIVE locks on both tables")
}

test_not_valid_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([add_fk(true)])
}

test_fk_in_create_table_is_fine if {
	s := fx.create_table("public.lines", [fx.action("add_constraint", {"constraint": fx.constraint("foreign_key", {"referenced_table": "public.orders"})})])
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_flags_inline_references_on_add_column if {
	a := fx.action("add_column", {"column": "referrer_id", "type": "int8", "constraint": fx.constraint("foreign_key", {
		"columns": ["referrer_id"], "referenced_table": "public.customers",
	})})
	fs := r.findings with input as fx.input_of([fx.alter("public.orders", [a], "AccessExclusiveLock")])
	fx.ids(fs) == {["lock/foreign-key-validation", 0]}
	some f in fs
	contains(f.message, "ADD COLUMN referrer_id REFERENCES public.customers on existing table public.orders")
	contains(f.hint, "NOT VALID")
}

test_inline_references_on_a_new_table_is_fine if {
	a := fx.action("add_column", {"column": "referrer_id", "constraint": fx.constraint("foreign_key", {"referenced_table": "public.customers"})})
	s := fx.alter_new("public.orders", [a], "AccessExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([s])
}
