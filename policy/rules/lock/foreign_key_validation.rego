# METADATA
# title: Foreign key validated on creation
# description: ADD FOREIGN KEY without NOT VALID (or ADD COLUMN … REFERENCES) on an existing table scans it while holding SHARE ROW EXCLUSIVE locks on both tables.
# custom:
#   id: lock/foreign-key-validation
#   severity: error
package schemagate.rules.lock.foreign_key_validation

import data.schemagate.lib

rule := {"id": "lock/foreign-key-validation", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.alter_actions(s, "add_constraint")
	a.constraint.type == "foreign_key"
	not a.constraint.not_valid == true
	msg := concat("", ["ADD FOREIGN KEY on existing table ", lib.target_name(s), " checks every existing row against ", lib.text(a.constraint.referenced_table), " while holding SHARE ROW EXCLUSIVE locks on both tables: writes to both wait for the whole scan"])
	hint := concat("", ["ALTER TABLE ", lib.target_name(s), " ADD CONSTRAINT … FOREIGN KEY … NOT VALID; then, in a later transaction (the next phase file), ALTER TABLE ", lib.target_name(s), " VALIDATE CONSTRAINT …, which takes only SHARE UPDATE EXCLUSIVE on ", lib.target_name(s), " and ROW SHARE on ", lib.text(a.constraint.referenced_table), "."])
}

# ADD COLUMN … REFERENCES cannot say NOT VALID: the new column's foreign key is checked against
# every row, under the ACCESS EXCLUSIVE lock of ADD COLUMN.
findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.alter_actions(s, "add_column")
	a.constraint.type == "foreign_key"
	l := lib.strongest_existing(s)
	msg := concat("", ["ADD COLUMN ", lib.text(a.column), " REFERENCES ", lib.text(a.constraint.referenced_table), " on existing table ", lib.target_name(s), " checks every existing row while holding an ", lib.describe_lock(l), ", for the whole scan"])
	hint := concat("", ["Add the column without REFERENCES, then ALTER TABLE ", lib.target_name(s), " ADD CONSTRAINT … FOREIGN KEY (", lib.text(a.column), ") REFERENCES ", lib.text(a.constraint.referenced_table), " NOT VALID; VALIDATE CONSTRAINT in a later transaction (the next phase file)."])
}
