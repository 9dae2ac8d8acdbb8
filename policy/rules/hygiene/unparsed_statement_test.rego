package schemagate.rules.hygiene.unparsed_statement_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.unparsed_statement as r

test_flags_unparsed if {
	s := fx.stmt({"kind": "unparsed", "statement_kind": "unparsed", "unparsed_reason": "unknown ALTER SYSTEM form"})
	fs := r.findings with input as fx.input_in(null, [s])
	fx.ids(fs) == {["hygiene/unparsed-statement", 0]}
	some f in fs
	f.severity == "warning"
	contains(f.message, "(unknown ALTER SYSTEM form)")
}

test_parsed_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([fx.update("public.orders")])
}
