package schemagate.rules.hygiene.prefer_text_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.prefer_text as r

test_flags_varchar_n_and_char if {
	s := fx.alter(
		"public.orders", [
			fx.action("add_column", {"column": "code", "type": "varchar", "type_raw": "varchar(20)", "type_modifiers": [20]}),
			fx.action("add_column", {"column": "cc", "type": "bpchar", "type_raw": "char(2)", "type_modifiers": [2]}),
		],
		"AccessExclusiveLock",
	)
	fs := r.findings with input as fx.input_of([s])
	count(fs) == 2
	some f in fs
	startswith(f.message, "public.orders.code is varchar(20)")
}

test_text_and_unbounded_varchar_are_fine if {
	s := fx.create_table("public.orders", [fx.column("a", "text"), fx.column("b", "varchar")])
	count(r.findings) == 0 with input as fx.input_of([s])
}
