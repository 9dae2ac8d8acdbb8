# METADATA
# title: DDL in backfill
# description: A schema change in a backfill phase, which is meant for batched data movement only.
# custom:
#   id: phase/ddl-in-backfill
#   severity: error
package schemagate.rules.phase.ddl_in_backfill

import data.schemagate.lib

rule := {"id": "phase/ddl-in-backfill", "severity": "error"}

# Harmless in a backfill: maintenance after the data change, and objects private to the session.
allowed_kinds := {"vacuum", "cluster", "comment", "lock_table"}

findings contains lib.finding(rule, s, msg, hint) if {
	input.file.phase == "backfill"
	some s in input.statements
	not s.statement_kind in lib.non_ddl_kinds
	not s.statement_kind in allowed_kinds
	not lib.has_flag(s, "temporary")
	msg := concat("", [lib.sql_words(s), " in a backfill phase: backfill is batched data movement; schema changes belong in expand or contract"])
	hint := "Move additive DDL to expand.sql and destructive DDL to contract.sql of this version."
}
