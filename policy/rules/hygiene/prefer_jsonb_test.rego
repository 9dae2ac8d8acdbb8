package schemagate.rules.hygiene.prefer_jsonb_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.prefer_jsonb as r

test_flags_json if {
	s := fx.alter("public.orders", [fx.column("payload", "json")], "AccessExclusiveLock")
	fs := r.findings with input as fx.input_of([s])
	fx.ids(fs) == {["hygiene/prefer-jsonb", 0]}
	some f in fs
	f.severity == "info"
}

test_jsonb_is_fine if {
	s := fx.alter("public.orders", [fx.column("payload", "jsonb")], "AccessExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([s])
}
