package schemagate.rules.compat.unsupported_syntax_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.compat.unsupported_syntax as r

test_flags_version_error if {
	s := fx.stmt({"version_error": "NULLS NOT DISTINCT requires PostgreSQL 15"})
	inp := object.union(fx.input_of([s]), {"pg_version": 14})
	fs := r.findings with input as inp
	fx.ids(fs) == {["compat/unsupported-syntax", 0]}
	some f in fs
	f.severity == "error"
	contains(f.message, "NULLS NOT DISTINCT requires PostgreSQL 15: PostgreSQL 14 rejects")
}

test_supported_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([fx.update("public.orders")])
}
