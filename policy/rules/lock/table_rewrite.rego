# METADATA
# title: Table rewrite
# description: A statement that rewrites an existing table copies every row while holding an ACCESS EXCLUSIVE lock.
# custom:
#   id: lock/table-rewrite
#   severity: error
package schemagate.rules.lock.table_rewrite

import data.schemagate.lib

rule := {"id": "lock/table-rewrite", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint(s)) if {
	some s in input.statements
	s.rewrite == true
	l := rewritten(s)
	msg := concat("", [lib.sql_words(s), " rewrites existing table ", lib.text(l.relation), ": every row is copied while it holds an ", lib.describe_lock(l), ", for as long as the copy takes"])
}

# The lock on the table that is copied: the statement's target, if it existed before this file.
# Other relations the statement locks (the table a new foreign key references) are not copied, so
# a rewrite of a table created earlier in the file blames none of them (issue 13).
rewritten(s) := lib.strongest_existing({"locks": [l | some l in s.locks; l.relation == s.target]}) if {
	is_string(s.target)
}

rewritten(s) := lib.strongest_existing(s) if {
	not is_string(s.target)
}

hint(s) := "Add the column without a default (or with a constant one), set the default for new rows with ALTER COLUMN … SET DEFAULT, and fill existing rows in batches in the backfill phase." if {
	some a in s.actions
	a.kind == "add_column"
	a.default == "volatile"
} else := "Add a plain nullable column, backfill it in batches, then add the identity/generated behaviour or the default in a later phase; for a key, prefer creating the table with it." if {
	some a in s.actions
	a.kind == "add_column"
	a.generated in {"identity_always", "identity_by_default", "stored"}
} else := "Add a nullable bigint column with a sequence default (nextval is volatile: set it with SET DEFAULT after adding the column), backfill in batches." if {
	some a in s.actions
	a.kind == "add_column"
	a.type in {"serial", "bigserial", "smallserial"}
} else := "Change the type through a new column: expand adds it (and a trigger or dual writes), backfill copies in batches, contract swaps names and drops the old one." if {
	some a in s.actions
	a.kind == "alter_column_type"
} else := "Use pg_repack or pg_squeeze, which rebuild the table online, instead of VACUUM FULL / CLUSTER." if {
	s.statement_kind in {"vacuum", "cluster"}
} else := "Create a new table with the wanted properties, copy in batches and swap names in the contract phase, or run it in a maintenance window." if {
	some a in s.actions
	a.kind in {"set_logged", "set_unlogged", "set_tablespace", "set_access_method"}
} else := "Split the statement so that no step rewrites the table, or copy into a new table in batches and swap it in during the contract phase."
