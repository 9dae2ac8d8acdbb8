# METADATA
# description: Statement predicates shared by the built-in rules (and usable by custom rules).
package schemagate.lib

# The DML kinds that change many rows in one statement.
bulk_dml_kinds := {"update", "delete", "insert_select", "merge"}

# Kinds that are not DDL: data, session and transaction statements, maintenance without locks
# worth reporting here, and what the analyzer could not understand.
non_ddl_kinds := {
	"insert", "insert_select", "update", "delete", "merge", "copy", "select",
	"set", "reset", "transaction_control", "psql_meta", "do_block", "call",
	"analyze", "unparsed",
}

has_flag(s, flag) if flag in s.flags

concurrently(s) if has_flag(s, "concurrently")

# The statement acts on a relation that existed before this phase file ran.
on_existing(s) if not s.target_is_new == true

# The ALTER TABLE actions of the given kind, when the table existed before this file.
alter_actions(s, kind) := [a |
	s.statement_kind == "alter_table"
	on_existing(s)
	some a in s.actions
	a.kind == kind
]

# Column definitions a statement introduces or changes the type of: CREATE TABLE columns,
# ADD COLUMN, ALTER COLUMN TYPE.
typed_columns(s) := [a |
	s.statement_kind in {"create_table", "alter_table"}
	some a in s.actions
	a.kind in {"add_column", "alter_column_type"}
	is_string(a.type)
]

# Every constraint a statement adds: ADD CONSTRAINT, table constraints of CREATE TABLE, and the
# inline constraint of a column definition.
added_constraints(s) := [a.constraint |
	s.statement_kind in {"create_table", "alter_table"}
	some a in s.actions
	a.kind in {"add_constraint", "add_column"}
	is_object(a.constraint)
]

# SET lock_timeout with a value other than 0 (0 disables the timeout). SET LOCAL lasts only
# until the end of the transaction, so outside a transactional phase it has no effect.
sets_lock_timeout(s) if {
	s.statement_kind == "set"
	lower(s.setting.name) == "lock_timeout"
	not lower(trim(s.setting.value, "'\" ")) in {"0", "0ms", "0s", "default"}
	not ineffective_local(s)
}

# A lock_timeout short enough to protect live traffic: at most config.thresholds.max_lock_timeout
# (a PostgreSQL duration such as '10s' or a number of milliseconds; default 10s). A value that
# cannot be read counts as short: PostgreSQL itself rejects it when the phase runs.
protective_lock_timeout(s) if {
	sets_lock_timeout(s)
	not too_long_lock_timeout(s)
}

too_long_lock_timeout(s) if {
	sets_lock_timeout(s)
	duration_ms(s.setting.value) > max_lock_timeout_ms
}

default max_lock_timeout_ms := 10000

max_lock_timeout_ms := duration_ms(input.config.thresholds.max_lock_timeout)

# Milliseconds of a PostgreSQL time setting ('2s', '500ms', '1min', 2000, '1.5 h'); undefined
# when it cannot be read. A bare number is in milliseconds, the unit of lock_timeout.
duration_ms(v) := v if is_number(v)

duration_ms(v) := n * unit_ms[u] if {
	is_string(v)
	t := lower(trim_space(trim(v, "'\"")))
	u := unit_of(t)
	n := to_number(trim_space(trim_suffix(t, u)))
}

# Longest unit first: "5ms" ends with "s" too. (No regex: it would double the Wasm module.)
# Longest unit only: "5ms" also ends with "s". (No regex: it would double the Wasm module.)
unit_of(t) := u if {
	some u in ["min", "ms", "us", "s", "h", "d"]
	endswith(t, u)
	not shadowed(t, u)
}

unit_of(t) := "" if is_number(to_number(t))

shadowed(t, "s") if endswith(t, "ms")

shadowed(t, "s") if endswith(t, "us")

unit_ms := {"": 1, "us": 0.001, "ms": 1, "s": 1000, "min": 60000, "h": 3600000, "d": 86400000}

ineffective_local(s) if {
	s.setting.local == true
	not file_transactional
}

# The positions of the statements that SET or RESET lock_timeout (or ALL). A rule, not a function:
# it is computed once per file, where asking every statement "what came before" was quadratic and
# made lock/missing-lock-timeout the costliest rule on the corpus.
lock_timeout_changes contains j if {
	some j, s in input.statements
	s.statement_kind in {"set", "reset"}
	lower(s.setting.name) in {"lock_timeout", "all"}
}

# The position of the last SET/RESET of lock_timeout before statement i (undefined if none).
last_lock_timeout_change(i) := max(earlier) if {
	earlier := {j | some j in lock_timeout_changes; j < i}
	count(earlier) > 0
}

# The lock_timeout value in force at statement i when it is set but too long to protect
# (undefined otherwise), for messages.
too_long_lock_timeout_at(i) := input.statements[j].setting.value if {
	j := last_lock_timeout_change(i)
	too_long_lock_timeout(input.statements[j])
}

# A lock_timeout is in force when statement i runs: the last SET/RESET of it before i set one.
lock_timeout_in_force(i) if protective_lock_timeout(input.statements[last_lock_timeout_change(i)])

# The runner executes the whole phase file in one transaction.
file_transactional if input.file.transactional == true

# The statement at index i, for messages that refer back to an earlier statement.
line_of(i) := input.statements[i].line
