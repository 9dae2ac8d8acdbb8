# METADATA
# title: Bulk DML outside backfill
# description: UPDATE / DELETE / INSERT … SELECT / MERGE over an existing table, or an INSERT … SELECT that copies an existing table into a new one, in an expand or contract phase.
# custom:
#   id: phase/dml-outside-backfill
#   severity: error
package schemagate.rules.phase.dml_outside_backfill

import data.schemagate.lib

rule := {"id": "phase/dml-outside-backfill", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	input.file.phase in {"expand", "contract"}
	some s in input.statements
	s.statement_kind in lib.bulk_dml_kinds
	lib.on_existing(s)
	msg := concat("", [lib.sql_words(s), " on existing table ", lib.target_name(s), " in the ", lib.text(input.file.phase), " phase: bulk data changes belong in backfill, which runs in batches between expand and contract"])
	hint := "Move the statement to backfill.sql of this version, written as key-range batches."
}

# INSERT … SELECT into a table created earlier in this file, reading existing tables: a copy of
# live data in one statement. It reads every source row at once, misses the rows written after
# its snapshot, and in a transactional file keeps every lock taken before it until it ends.
findings contains lib.finding(rule, s, msg, hint) if {
	input.file.phase in {"expand", "contract"}
	some s in input.statements
	s.statement_kind == "insert_select"
	not lib.on_existing(s)
	sources := {l.relation | some l in s.locks; not l.new; l.relation != s.target}
	count(sources) > 0
	msg := concat("", [lib.sql_words(s), " copies rows of existing table ", concat(", ", sources), " into new table ", lib.target_name(s), " in the ", lib.text(input.file.phase), " phase: one unbatched copy that misses the rows written after it starts", held_locks(input.file)])
	hint := "Create the table in expand, copy in key-range batches in backfill.sql (with a trigger or dual writes for the rows written meanwhile), and switch readers over in contract."
}

held_locks(file) := "; the file's transaction keeps every lock taken before it until the copy ends" if {
	file.transactional == true
} else := ""
