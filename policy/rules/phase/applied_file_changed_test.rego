package schemagate.rules.phase.applied_file_changed_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.phase.applied_file_changed as r

changed(phase) := fx.with_parts(fx.input_in(phase, []), {"base": {"compared": true, "applied_file_changed": true}})

test_flags_changed_file if {
	fs := r.findings with input as changed("expand")
	fx.ids(fs) == {["phase/applied-file-changed", null]}
	some f in fs
	startswith(f.message, "migrations/orders/0003_split_name/expand.sql exists on the base branch and was modified")
}

test_deleted_file_is_worded_deleted if {
	inp := fx.with_parts(changed("contract"), {"base": {"compared": true, "applied_file_changed": true, "file_removed": true}})
	fs := r.findings with input as inp
	some f in fs
	contains(f.message, "exists on the base branch and was deleted: ")
	not contains(f.message, "modified")
	f.hint == "Restore the file; to undo what it did, write a new version."
}

test_not_compared_is_silent if {
	inp := fx.with_parts(changed("expand"), {"base": {"compared": false}})
	count(r.findings) == 0 with input as inp
}

test_plain_file_is_silent if {
	count(r.findings) == 0 with input as changed(null)
}
