package schemagate.rules.hygiene.prefer_bigint_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.prefer_bigint as r

test_flags_integer_keys if {
	s := fx.create_table("public.orders", [
		fx.column("id", "serial"),
		fx.action("add_column", {"column": "n", "type": "int4", "generated": "identity_always"}),
		fx.column("code", "int2"),
		fx.action("add_constraint", {"constraint": fx.constraint("primary_key", {"columns": ["code"]})}),
	])
	fs := r.findings with input as fx.input_of([s])
	count(fs) == 3
	{f.severity | some f in fs} == {"info"}
	some f in fs
	contains(f.message, "public.orders.code is smallint: it runs out at 2^15 values")
}

test_plain_integer_and_bigint_keys_are_fine if {
	s := fx.create_table("public.orders", [
		fx.column("quantity", "int4"),
		fx.action("add_column", {"column": "id", "type": "int8", "generated": "identity_always"}),
		fx.column("seq", "bigserial"),
	])
	count(r.findings) == 0 with input as fx.input_of([s])
}
