package schemagate.rules.lock.concurrently_in_transaction_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.concurrently_in_transaction as r

concurrent_index := fx.stmt({
	"kind": "create_index", "statement_kind": "create_index", "target": "public.orders",
	"flags": ["concurrently"], "transactional": false,
	"locks": [fx.lock("public.orders", "ShareUpdateExclusiveLock")],
})

test_flags_in_transactional_phase if {
	fs := r.findings with input as fx.input_of([fx.set_stmt("lock_timeout", "2s"), concurrent_index])
	fx.ids(fs) == {["lock/concurrently-in-transaction", 1]}
	some f in fs
	startswith(f.message, "CREATE INDEX cannot run inside a transaction block")
}

test_non_transactional_phase_is_fine if {
	inp := fx.with_parts(fx.input_of([concurrent_index]), {"file": {"transactional": false}})
	count(r.findings) == 0 with input as inp
}

test_unknown_transactionality_is_silent if {
	inp := fx.with_parts(fx.input_of([concurrent_index]), {"file": {"transactional": null}})
	count(r.findings) == 0 with input as inp
}
