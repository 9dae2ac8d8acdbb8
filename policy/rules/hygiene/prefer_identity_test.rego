package schemagate.rules.hygiene.prefer_identity_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.prefer_identity as r

test_flags_serial if {
	s := fx.create_table("public.orders", [fx.column("id", "bigserial")])
	fs := r.findings with input as fx.input_of([s])
	fx.ids(fs) == {["hygiene/prefer-identity", 0]}
	some f in fs
	f.hint == "id bigint GENERATED ALWAYS AS IDENTITY (SQL standard, PostgreSQL 10+)."
}

test_identity_is_fine if {
	s := fx.create_table("public.orders", [fx.action("add_column", {"column": "id", "type": "int8", "generated": "identity_always"})])
	count(r.findings) == 0 with input as fx.input_of([s])
}
