package schemagate.rules.lock.table_rewrite_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.lock.table_rewrite as r

volatile_default := object.union(
	fx.alter("public.orders", [fx.action("add_column", {"column": "token", "type": "uuid", "default": "volatile"})], "AccessExclusiveLock"),
	{"rewrite": true},
)

test_flags_volatile_default if {
	fs := r.findings with input as fx.input_of([volatile_default])
	fx.ids(fs) == {["lock/table-rewrite", 0]}
	some f in fs
	f.message == "ALTER TABLE … ADD COLUMN rewrites existing table public.orders: every row is copied while it holds an ACCESS EXCLUSIVE lock on public.orders (blocks reads and writes), for as long as the copy takes"
	contains(f.hint, "SET DEFAULT")
}

test_type_change_hint if {
	s := object.union(fx.alter("public.orders", [fx.action("alter_column_type", {"column": "id", "type": "int8"})], "AccessExclusiveLock"), {"rewrite": true})
	some f in r.findings with input as fx.input_of([s])
	contains(f.hint, "new column")
}

test_vacuum_full if {
	s := fx.stmt({"kind": "vacuum", "statement_kind": "vacuum", "target": "public.orders", "flags": ["full"], "rewrite": true, "locks": [fx.lock("public.orders", "AccessExclusiveLock")]})
	some f in r.findings with input as fx.input_of([s])
	startswith(f.message, "VACUUM rewrites")
	contains(f.hint, "pg_repack")
}

test_constant_default_is_fine if {
	s := fx.alter("public.orders", [fx.action("add_column", {"column": "status", "type": "text", "default": "constant"})], "AccessExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([s])
}

test_new_table_is_fine if {
	s := object.union(fx.alter_new("public.orders", [fx.action("alter_column_type", {"column": "id", "type": "int8"})], "AccessExclusiveLock"), {"rewrite": true})
	count(r.findings) == 0 with input as fx.input_of([s])
}

# A rewrite of a table created earlier in the file (its lock is new) that also locks an existing
# table for a foreign key: only the rewritten table can be blamed, and it is new (issue 13).
test_rewrite_of_new_table_blames_no_referenced_table if {
	s := object.union(
		fx.stmt({
			"kind": "alter_table", "statement_kind": "alter_table", "target": "public.order_archive",
			"target_is_new": true, "actions": [fx.action("add_column", {"column": "id", "generated": "identity_always"})],
			"locks": [
				fx.new_lock("public.order_archive", "AccessExclusiveLock"),
				fx.lock("public.customers", "ShareRowExclusiveLock"),
			],
		}),
		{"rewrite": true},
	)
	count(r.findings) == 0 with input as fx.input_of([s])
}
