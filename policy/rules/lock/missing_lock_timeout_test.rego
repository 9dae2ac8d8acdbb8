package schemagate.rules.lock.missing_lock_timeout_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.missing_lock_timeout as r

add_column := fx.alter("public.orders", [fx.column("note", "text")], "AccessExclusiveLock")

create_index := fx.stmt({"kind": "create_index", "statement_kind": "create_index", "target": "public.orders", "locks": [fx.lock("public.orders", "ShareLock")]})

test_flags_once_at_first_statement if {
	fs := r.findings with input as fx.input_of([fx.set_stmt("search_path", "public"), add_column, create_index])
	fx.ids(fs) == {["lock/missing-lock-timeout", 1]}
	some f in fs
	f.severity == "warning"
	contains(f.message, "ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes) with no lock_timeout (and 1 more statement(s) in this file):")
}

test_set_before_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([fx.set_stmt("lock_timeout", "'2s'"), add_column, create_index])
}

test_set_after_does_not_count if {
	fx.ids(r.findings) == {["lock/missing-lock-timeout", 0]} with input as fx.input_of([add_column, fx.set_stmt("lock_timeout", "2s")])
}

test_zero_timeout_does_not_count if {
	fx.ids(r.findings) == {["lock/missing-lock-timeout", 1]} with input as fx.input_of([fx.set_stmt("lock_timeout", "0"), add_column])
}

test_reset_clears if {
	stmts := [fx.set_stmt("lock_timeout", "2s"), add_column, fx.stmt({"kind": "reset", "statement_kind": "reset", "setting": {"name": "lock_timeout", "value": null, "local": false}}), create_index]
	fx.ids(r.findings) == {["lock/missing-lock-timeout", 3]} with input as fx.input_of(stmts)
}

test_runner_sets_timeout if {
	inp := fx.with_parts(fx.input_of([add_column]), {"config": {"runner_sets_lock_timeout": true}})
	count(r.findings) == 0 with input as inp
}

test_weak_locks_are_fine if {
	concurrent := object.union(create_index, {"flags": ["concurrently"], "locks": [fx.lock("public.orders", "ShareUpdateExclusiveLock")]})
	count(r.findings) == 0 with input as fx.input_of([concurrent, fx.update("public.orders")])
}

test_new_table_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([fx.alter_new("public.orders", [fx.column("x", "text")], "AccessExclusiveLock")])
}

test_set_local_counts_only_in_a_transaction if {
	local := object.union(fx.set_stmt("lock_timeout", "2s"), {"setting": {"local": true}})
	count(r.findings) == 0 with input as fx.input_of([local, add_column])
	inp := fx.with_parts(fx.input_of([local, add_column]), {"file": {"transactional": false}})
	fx.ids(r.findings) == {["lock/missing-lock-timeout", 1]} with input as inp
}

test_too_long_timeout_does_not_protect if {
	fs := r.findings with input as fx.input_of([fx.set_stmt("lock_timeout", "'5min'"), add_column])
	fx.ids(fs) == {["lock/missing-lock-timeout", 1]}
	some f in fs
	contains(f.message, "with lock_timeout '5min', longer than the max_lock_timeout threshold (10s)")
}

test_durations_in_every_unit if {
	count(r.findings) == 0 with input as fx.input_of([fx.set_stmt("lock_timeout", "'10s'"), add_column])
	count(r.findings) == 0 with input as fx.input_of([fx.set_stmt("lock_timeout", "9000"), add_column])
	count(r.findings) == 0 with input as fx.input_of([fx.set_stmt("lock_timeout", "'1500 ms'"), add_column])
	count(r.findings) == 1 with input as fx.input_of([fx.set_stmt("lock_timeout", "'10001'"), add_column])
	count(r.findings) == 1 with input as fx.input_of([fx.set_stmt("lock_timeout", "'1min'"), add_column])
	count(r.findings) == 1 with input as fx.input_of([fx.set_stmt("lock_timeout", "'0.5h'"), add_column])
}

test_threshold_from_config if {
	config := {"config": {"runner_sets_lock_timeout": false, "thresholds": {"max_lock_timeout": "1min"}}}
	count(r.findings) == 0 with input as fx.with_parts(fx.input_of([fx.set_stmt("lock_timeout", "'30s'"), add_column]), config)
	ms := {"config": {"runner_sets_lock_timeout": false, "thresholds": {"max_lock_timeout": 1000}}}
	fs := r.findings with input as fx.with_parts(fx.input_of([fx.set_stmt("lock_timeout", "'2s'"), add_column]), ms)
	some f in fs
	contains(f.message, "longer than the max_lock_timeout threshold (1000)")
}

test_a_later_long_timeout_replaces_a_short_one if {
	stmts := [fx.set_stmt("lock_timeout", "'2s'"), fx.set_stmt("lock_timeout", "'1h'"), add_column]
	fx.ids(r.findings) == {["lock/missing-lock-timeout", 2]} with input as fx.input_of(stmts)
}
