package schemagate.rules.lock.reindex_blocking_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.reindex_blocking as r

reindex(flags) := fx.stmt({
	"kind": "reindex", "statement_kind": "reindex", "target": "public.orders_pkey",
	"flags": flags, "locks": [
		fx.lock("public.orders", "ShareLock"),
		fx.lock("public.orders_pkey", "AccessExclusiveLock"),
	],
})

test_flags_reindex if {
	fs := r.findings with input as fx.input_of([reindex([])])
	fx.ids(fs) == {["lock/reindex-blocking", 0]}
	some f in fs
	contains(f.message, "ACCESS EXCLUSIVE lock on public.orders_pkey")
}

test_concurrently_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([reindex(["concurrently"])])
}
