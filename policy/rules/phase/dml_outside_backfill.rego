# METADATA
# title: Bulk DML outside backfill
# description: UPDATE / DELETE / INSERT … SELECT / MERGE over an existing table in an expand or contract phase.
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
