package schemagate.rules.phase.version_order_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.phase.version_order as r

base(max) := {"base": {"compared": true, "new_version": true, "max_version_on_base": max}}

test_flags_version_at_or_below_base if {
	fx.ids(r.findings) == {["phase/version-order", null]} with input as fx.with_parts(fx.input_of([]), base(3))
	some f in r.findings with input as fx.with_parts(fx.input_of([]), base(5))
	f.message == "version 3 of track orders is new but not above 5, the highest version on the base branch: databases that already ran 5 would skip it"
}

test_higher_version_is_fine if {
	count(r.findings) == 0 with input as fx.with_parts(fx.input_of([]), base(2))
}

test_existing_version_is_fine if {
	inp := fx.with_parts(fx.input_of([]), {"base": {"compared": true, "new_version": false, "max_version_on_base": 9}})
	count(r.findings) == 0 with input as inp
}

test_not_compared_is_silent if {
	inp := fx.with_parts(fx.input_of([]), {"base": {"compared": false, "new_version": true, "max_version_on_base": 9}})
	count(r.findings) == 0 with input as inp
}
