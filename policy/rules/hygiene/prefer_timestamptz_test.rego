package schemagate.rules.hygiene.prefer_timestamptz_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.prefer_timestamptz as r

test_flags_timestamp if {
	s := fx.create_table("public.orders", [fx.column("created_at", "timestamp")])
	fx.ids(r.findings) == {["hygiene/prefer-timestamptz", 0]} with input as fx.input_of([s])
}

test_flags_type_change_to_timestamp if {
	s := fx.alter("public.orders", [fx.action("alter_column_type", {"column": "created_at", "type": "timestamp"})], "AccessExclusiveLock")
	count(r.findings) == 1 with input as fx.input_of([s])
}

test_timestamptz_is_fine if {
	s := fx.create_table("public.orders", [fx.column("created_at", "timestamptz")])
	count(r.findings) == 0 with input as fx.input_of([s])
}
