package schemagate.rules.hygiene.transaction_control_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.transaction_control as r

begin := fx.stmt({"kind": "transaction_control", "statement_kind": "transaction_control", "flags": ["begin"]})

test_flags_begin_in_phase_file if {
	fx.ids(r.findings) == {["hygiene/transaction-control", 0]} with input as fx.input_of([begin])
}

test_plain_file_is_fine if {
	count(r.findings) == 0 with input as fx.input_in(null, [begin])
}
