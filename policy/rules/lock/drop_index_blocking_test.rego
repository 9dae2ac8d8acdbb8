package schemagate.rules.lock.drop_index_blocking_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.drop_index_blocking as r

drop_index(flags) := fx.stmt({
	"kind": "drop_index", "statement_kind": "drop_index", "target": "public.orders_status_idx",
	"flags": flags, "locks": [
		fx.lock("public.orders", "AccessExclusiveLock"),
		fx.lock("public.orders_status_idx", "AccessExclusiveLock"),
	],
})

test_flags_drop_index if {
	fs := r.findings with input as fx.input_of([drop_index(["if_exists"])])
	fx.ids(fs) == {["lock/drop-index-blocking", 0]}
	some f in fs
	contains(f.message, "ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes)")
	contains(f.hint, "DROP INDEX CONCURRENTLY public.orders_status_idx")
}

test_concurrently_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([drop_index(["concurrently"])])
}
