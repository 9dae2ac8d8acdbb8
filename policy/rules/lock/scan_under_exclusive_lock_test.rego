package schemagate.rules.lock.scan_under_exclusive_lock_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.scan_under_exclusive_lock as r

set_not_null := object.union(
	fx.alter("public.orders", [fx.action("set_not_null", {"column": "status"})], "AccessExclusiveLock"),
	{"scan": true},
)

test_flags_set_not_null_scan if {
	fs := r.findings with input as fx.input_of([set_not_null])
	fx.ids(fs) == {["lock/scan-under-exclusive-lock", 0]}
	some f in fs
	contains(f.message, "scans every row of existing table public.orders")
	contains(f.hint, "CHECK (status IS NOT NULL) NOT VALID")
}

# Two or three SET NOT NULL in one statement: one finding, one hint naming every column (one hint
# per action was a `var assignment conflict` that took the whole check down, issue 13).
test_several_set_not_null_give_one_hint if {
	s := object.union(
		fx.alter(
			"public.orders", [
				fx.action("set_not_null", {"column": "status"}),
				fx.action("set_not_null", {"column": "ref"}),
				fx.action("set_not_null", {"column": "note"}),
			],
			"AccessExclusiveLock",
		),
		{"scan": true},
	)
	fs := r.findings with input as fx.input_of([s])
	fx.ids(fs) == {["lock/scan-under-exclusive-lock", 0]}
	some f in fs
	contains(f.hint, "CHECK (status IS NOT NULL) NOT VALID")
	endswith(f.hint, " Likewise for ref, note.")
}

test_set_not_null_proven_by_check_is_fine if {
	s := fx.alter("public.orders", [fx.action("set_not_null", {"column": "status"})], "AccessExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_check_constraint_hint if {
	s := object.union(fx.alter("public.orders", [fx.action("add_constraint", {"constraint": fx.constraint("check", {"name": "positive"})})], "AccessExclusiveLock"), {"scan": true})
	some f in r.findings with input as fx.input_of([s])
	contains(f.hint, "NOT VALID")
}

test_scan_under_weaker_lock_is_fine if {
	s := object.union(fx.alter("public.orders", [fx.action("validate_constraint", {"name": "positive"})], "ShareUpdateExclusiveLock"), {"scan": true})
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_rewrite_left_to_table_rewrite if {
	s := object.union(set_not_null, {"rewrite": true})
	count(r.findings) == 0 with input as fx.input_of([s])
}

scanning_alter(actions) := object.union(fx.alter("public.users", actions, "AccessExclusiveLock"), {"scan": true})

unique_column := fx.action("add_column", {"column": "phone", "type": "text", "constraint": fx.constraint("unique", {"columns": ["phone"]})})

test_index_build_left_to_constraint_builds_index if {
	count(r.findings) == 0 with input as fx.input_of([scanning_alter([unique_column, fx.column("phone_confirmed_at", "timestamptz")])])
	pk := fx.action("add_constraint", {"constraint": fx.constraint("primary_key", {"columns": ["id"]})})
	count(r.findings) == 0 with input as fx.input_of([scanning_alter([fx.action("drop_constraint", {"name": "old_pkey"}), pk])])
}

test_inline_foreign_key_left_to_foreign_key_validation if {
	fk := fx.action("add_column", {"column": "flow_state_id", "type": "uuid", "constraint": fx.constraint("foreign_key", {"referenced_table": "public.flow_state"})})
	count(r.findings) == 0 with input as fx.input_of([scanning_alter([fk])])
}

test_index_build_with_another_scan_is_reported if {
	check := fx.action("add_constraint", {"constraint": fx.constraint("check", {"name": "phone_format"})})
	count(r.findings) == 1 with input as fx.input_of([scanning_alter([unique_column, check])])
	set_nn := fx.action("set_not_null", {"column": "email"})
	count(r.findings) == 1 with input as fx.input_of([scanning_alter([unique_column, set_nn])])
	required := fx.action("add_column", {"column": "code", "type": "text", "not_null": true})
	count(r.findings) == 1 with input as fx.input_of([scanning_alter([unique_column, required])])
}

test_inline_check_on_new_column_is_reported if {
	check_column := fx.action("add_column", {"column": "level", "type": "int", "constraint": fx.constraint("check", {})})
	count(r.findings) == 1 with input as fx.input_of([scanning_alter([check_column])])
}

test_reindex_concurrently_scans_under_share_update_exclusive if {
	s := fx.stmt({
		"kind": "reindex", "statement_kind": "reindex", "target": "public.orders_status_idx",
		"flags": ["concurrently"], "scan": true,
		"locks": [
			fx.lock("public.orders", "ShareUpdateExclusiveLock"),
			fx.lock("public.orders_status_idx", "AccessExclusiveLock"),
		],
	})
	count(r.findings) == 0 with input as fx.input_of([s])

	# without CONCURRENTLY it blocks: lock/reindex-blocking reports that, this rule does not repeat it
	plain := object.union(s, {"flags": []})
	count(r.findings) == 0 with input as fx.input_of([plain])
	fx.ids(data.schemagate.rules.lock.reindex_blocking.findings) == {["lock/reindex-blocking", 0]} with input as fx.input_of([plain])
}

# One finding per problem: a blocking REINDEX or REFRESH is reported by its own rule only.
blocking_rebuilds := [
	object.union(
		fx.stmt({
			"kind": "reindex", "statement_kind": "reindex", "target": "public.orders_pkey",
			"locks": [fx.lock("public.orders", "ShareLock"), fx.lock("public.orders_pkey", "AccessExclusiveLock")],
		}),
		{"scan": true},
	),
	object.union(
		fx.stmt({
			"kind": "refresh_materialized_view", "statement_kind": "refresh_materialized_view",
			"target": "public.daily_sales", "locks": [fx.lock("public.daily_sales", "AccessExclusiveLock")],
		}),
		{"scan": true},
	),
]

test_blocking_rebuilds_are_left_to_their_own_rules if {
	inp := fx.input_of(blocking_rebuilds)
	count(r.findings) == 0 with input as inp
	all := fx.ids(data.schemagate.findings) with input as inp
	["lock/reindex-blocking", 0] in all
	["lock/refresh-matview-blocking", 1] in all
}
