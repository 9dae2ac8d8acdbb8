package schemagate.rules.hygiene.waiver_without_reason_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.hygiene.waiver_without_reason as r

waived(reason) := object.union(fx.update("public.orders"), {"waivers": [{"rule": "lock/unbatched-dml", "reason": reason}]})

test_flags_empty_reason if {
	fs := r.findings with input as fx.input_of([waived("")])
	fx.ids(fs) == {["hygiene/waiver-without-reason", 0]}
	some f in fs
	f.message == "waiver for lock/unbatched-dml has no reason, so it does not waive anything"
}

test_flags_blank_reason if {
	count(r.findings) == 1 with input as fx.input_of([waived("  ")])
}

test_reason_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([waived("orders has 40 rows")])
}
