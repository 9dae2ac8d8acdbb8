# Builders for test inputs that follow docs/policy-input.md; tests override only what they need.
package schemagate.fixtures

base_statement := {
	"index": 0, "line": 1, "column": 1, "end_line": 1,
	"kind": "select", "statement_kind": "select",
	"target": null, "target_is_new": false, "flags": [], "actions": [], "locks": [],
	"rewrite": false, "scan": false, "transactional": true, "version_error": null,
	"setting": null, "unparsed_reason": null, "waivers": [],
}

base_action := {
	"kind": "other", "column": null, "type": null, "type_raw": null, "type_modifiers": [],
	"array": false, "not_null": false, "default": null, "generated": "none", "constraint": null,
	"name": null, "new_name": null, "concurrently": false, "fk_columns_indexed": null,
}

base_constraint := {
	"type": "check", "name": null, "columns": [], "referenced_table": null,
	"not_valid": false, "using_index": null,
}

stmt(over) := object.union(base_statement, over)

action(kind, over) := object.union(object.union(base_action, {"kind": kind}), over)

constraint(type, over) := object.union(object.union(base_constraint, {"type": type}), over)

lock(relation, mode) := {"relation": relation, "mode": mode, "new": false}

new_lock(relation, mode) := {"relation": relation, "mode": mode, "new": true}

# An ALTER TABLE on an existing table with the given actions and lock.
alter(target, actions, mode) := stmt({
	"kind": alter_kind(actions), "statement_kind": "alter_table", "target": target,
	"actions": actions, "locks": [lock(target, mode)],
})

# The same ALTER TABLE on a table created earlier in the file.
alter_new(target, actions, mode) := stmt({
	"kind": alter_kind(actions), "statement_kind": "alter_table", "target": target,
	"target_is_new": true, "actions": actions, "locks": [new_lock(target, mode)],
})

alter_kind(actions) := concat(".", ["alter_table", actions[0].kind]) if count(actions) == 1

else := "alter_table"

create_table(target, actions) := stmt({
	"kind": "create_table", "statement_kind": "create_table", "target": target,
	"actions": actions, "locks": [new_lock(target, "AccessExclusiveLock")],
})

column(name, type) := action("add_column", {"column": name, "type": type, "type_raw": type})

set_stmt(name, value) := stmt({
	"kind": "set", "statement_kind": "set",
	"setting": {"name": name, "value": value, "local": false},
})

update(target) := stmt({
	"kind": "update", "statement_kind": "update", "target": target,
	"flags": ["has_where"], "locks": [lock(target, "RowExclusiveLock")],
})

# Numbers the statements (index, line) in order.
numbered(stmts) := [object.union(s, {"index": i, "line": (i * 2) + 1}) | some i, s in stmts]

file(phase) := {
	"path": "migrations/orders/0003_split_name/expand.sql", "track": "orders", "version": 3,
	"name": "split_name", "phase": phase, "transactional": true, "sets_lock_timeout_before": [],
}

# A phase-file input: phase "expand", PostgreSQL 17, no base comparison.
input_of(stmts) := input_in("expand", stmts)

input_in(phase, stmts) := {
	"file": file(phase),
	"pg_version": 17,
	"config": {"runner_sets_lock_timeout": false, "thresholds": {}},
	"base": {"compared": false, "applied_file_changed": false, "new_version": false, "max_version_on_base": null},
	"statements": numbered(stmts),
}

# The same input with some top-level parts replaced (e.g. {"file": …}).
with_parts(inp, parts) := object.union(inp, parts)

# [rule, statement] pairs, for exact comparisons.
ids(findings) := {[f.rule, f.statement] | some f in findings}
