package schemagate.rules.lock.detach_partition_blocking_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.detach_partition_blocking as r

detach(concurrently) := fx.alter(
	"public.events",
	[fx.action("detach_partition", {"name": "public.events_2023", "concurrently": concurrently})],
	"AccessExclusiveLock",
)

test_flags_detach if {
	fs := r.findings with input as fx.input_of([detach(false)])
	fx.ids(fs) == {["lock/detach-partition-blocking", 0]}
	some f in fs
	contains(f.hint, "DETACH PARTITION public.events_2023 CONCURRENTLY")
}

test_concurrently_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([detach(true)])
}

test_before_14_there_is_no_alternative if {
	inp := fx.with_parts(fx.input_of([detach(false)]), {"pg_version": 13})
	count(r.findings) == 0 with input as inp
}
