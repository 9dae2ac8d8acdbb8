# METADATA
# title: Applied phase file changed
# description: A phase file that exists on the base branch was modified or deleted; databases that already ran it will never run the change.
# custom:
#   id: phase/applied-file-changed
#   severity: error
package schemagate.rules.phase.applied_file_changed

import data.schemagate.lib

rule := {"id": "phase/applied-file-changed", "severity": "error"}

findings contains lib.file_finding(rule, msg, hint) if {
	is_string(input.file.phase)
	input.base.compared == true
	input.base.applied_file_changed == true
	msg := concat("", [lib.text(input.file.path), change])
	hint := advice
}

change := " exists on the base branch and was deleted: databases that already applied it keep its effects while the repository no longer shows them, so environments diverge" if {
	input.base.file_removed == true
} else := " exists on the base branch and was modified: databases that already applied it will not run the change, so environments diverge"

advice := "Restore the file; to undo what it did, write a new version." if {
	input.base.file_removed == true
} else := "Revert the edit and put the change in a new version."
