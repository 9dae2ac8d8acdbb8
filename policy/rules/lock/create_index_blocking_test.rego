package schemagate.rules.lock.create_index_blocking_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.create_index_blocking as r

create_index(flags) := fx.stmt({
	"kind": "create_index", "statement_kind": "create_index", "target": "public.orders",
	"flags": flags, "locks": [fx.lock("public.orders", "ShareLock")], "scan": true,
})

test_flags_plain_create_index if {
	fs := r.findings with input as fx.input_of([fx.set_stmt("search_path", "public"), create_index([])])
	fx.ids(fs) == {["lock/create-index-blocking", 1]}
	some f in fs
	f.severity == "error"
	contains(f.message, "SHARE lock on public.orders (blocks writes)")
	contains(f.hint, "CONCURRENTLY")
}

test_concurrently_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([create_index(["concurrently"])])
}

test_new_table_is_fine if {
	s := object.union(create_index([]), {"target_is_new": true, "locks": [fx.new_lock("public.orders", "ShareLock")]})
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_no_build_is_fine if {
	# CREATE INDEX … ON ONLY a partitioned table, or IF NOT EXISTS naming an existing index
	s := object.union(create_index([]), {"scan": false})
	count(r.findings) == 0 with input as fx.input_of([s])
}
