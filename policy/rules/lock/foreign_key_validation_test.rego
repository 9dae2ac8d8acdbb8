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

add_column_fk := fx.alter(
	"public.saml_relay_states",
	[fx.action("add_column", {
		"column": "flow_state_id", "type": "uuid", "type_raw": "uuid",
		"constraint": fx.constraint("foreign_key", {"columns": ["flow_state_id"], "referenced_table": "public.flow_state"}),
	})],
	"AccessExclusiveLock",
)

test_flags_add_column_references if {
	fs := r.findings with input as fx.input_of([add_column_fk])
	fx.ids(fs) == {["lock/foreign-key-validation", 0]}
	some f in fs
	startswith(f.message, "ADD COLUMN flow_state_id … REFERENCES on existing table public.saml_relay_states checks every existing row against public.flow_state")
	contains(f.hint, "FOREIGN KEY (flow_state_id) REFERENCES public.flow_state … NOT VALID")
}

test_add_column_references_on_new_table_is_fine if {
	s := object.union(add_column_fk, {"target_is_new": true})
	count(r.findings) == 0 with input as fx.input_of([s])
}
