package schemagate_test

import data.schemagate
import data.schemagate.fixtures as fx

# ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid() NOT NULL, in an expand phase
# with no lock_timeout: a rewrite, and the lock is taken without a timeout.
rewrite := object.union(
	fx.alter("public.orders", [fx.action("add_column", {"column": "token", "type": "uuid", "type_raw": "uuid", "default": "volatile", "not_null": true})], "AccessExclusiveLock"),
	{"rewrite": true},
)

test_aggregates_every_rule if {
	fx.ids(schemagate.findings) == {["lock/table-rewrite", 0], ["lock/missing-lock-timeout", 0]} with input as fx.input_of([rewrite])
}

test_safe_file_has_no_findings if {
	add := fx.alter("public.orders", [fx.action("add_column", {"column": "note", "type": "text", "type_raw": "text"})], "AccessExclusiveLock")
	count(schemagate.findings) == 0 with input as fx.input_of([fx.set_stmt("lock_timeout", "2s"), add])
}

test_adds_custom_findings if {
	custom := {{"rule": "custom/no-orders", "severity": "warning", "statement": 0, "message": "m", "hint": "h"}}
	fs := schemagate.findings with input as fx.input_of([rewrite]) with data.schemagate.custom.team.findings as custom
	fx.ids(fs) == {["lock/table-rewrite", 0], ["lock/missing-lock-timeout", 0], ["custom/no-orders", 0]}
}

test_adds_nested_custom_findings if {
	custom := {{"rule": "custom/x", "severity": "info", "statement": null, "message": "m", "hint": "h"}}
	fs := schemagate.findings with input as fx.input_of([]) with data.schemagate.custom.team.naming.findings as custom
	fx.ids(fs) == {["custom/x", null]}
}

test_batch_findings_match_each_file_alone if {
	add := fx.alter("public.orders", [fx.action("add_column", {"column": "note", "type": "text", "type_raw": "text"})], "AccessExclusiveLock")
	files := [fx.input_of([rewrite]), fx.input_of([fx.set_stmt("lock_timeout", "2s"), add]), fx.input_of([add, rewrite])]
	batch := schemagate.batch_findings with input as {"files": files}
	count(batch) == 3
	batch[0] == schemagate.findings with input as files[0]
	batch[1] == set()
	batch[2] == schemagate.findings with input as files[2]
	fx.ids(batch[2]) == {["lock/exclusive-lock-held", 1], ["lock/missing-lock-timeout", 0], ["lock/table-rewrite", 1]}
}

test_batch_findings_of_no_files_is_empty if {
	schemagate.batch_findings == [] with input as {"files": []}
}
