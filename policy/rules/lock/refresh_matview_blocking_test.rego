package schemagate.rules.lock.refresh_matview_blocking_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.refresh_matview_blocking as r

refresh(flags) := fx.stmt({
	"kind": "refresh_materialized_view", "statement_kind": "refresh_materialized_view",
	"target": "public.daily_sales", "flags": flags,
	"locks": [fx.lock("public.daily_sales", "AccessExclusiveLock")],
})

test_flags_refresh if {
	fs := r.findings with input as fx.input_of([refresh([])])
	fx.ids(fs) == {["lock/refresh-matview-blocking", 0]}
	some f in fs
	contains(f.message, "public.daily_sales takes an ACCESS EXCLUSIVE lock")
}

test_concurrently_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([refresh(["concurrently"])])
}
