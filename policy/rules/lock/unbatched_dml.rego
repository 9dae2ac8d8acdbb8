# METADATA
# title: Unbatched bulk DML
# description: UPDATE / DELETE / INSERT … SELECT / MERGE over an existing table in a single statement.
# custom:
#   id: lock/unbatched-dml
#   severity: warning
package schemagate.rules.lock.unbatched_dml

import data.schemagate.lib

rule := {"id": "lock/unbatched-dml", "severity": "warning"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	s.statement_kind in lib.bulk_dml_kinds
	lib.on_existing(s)
	not batched_by_the_runner(s)
	msg := concat("", [lib.sql_words(s), " changes ", lib.target_name(s), " in one statement: every row it touches stays locked against concurrent UPDATE and DELETE until the transaction ends, and the whole change is one long transaction (WAL burst, replica lag, bloat)"])
	hint := "Change rows in batches of a few thousand by key range (`WHERE id >= $1 AND id < $2`), each batch in its own transaction, in the backfill phase (the runner's batch loop or a DO block that COMMITs per batch)."
}

# A backfill statement written for one key range ($1, $2) runs once per batch.
batched_by_the_runner(s) if {
	input.file.phase == "backfill"
	lib.has_flag(s, "parameterized")
}
