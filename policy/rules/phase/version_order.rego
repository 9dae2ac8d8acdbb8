# METADATA
# title: New version out of order
# description: A new version numbered at or below the highest version already on the base branch.
# custom:
#   id: phase/version-order
#   severity: error
package schemagate.rules.phase.version_order

import data.schemagate.lib

rule := {"id": "phase/version-order", "severity": "error"}

findings contains lib.file_finding(rule, msg, hint) if {
	is_string(input.file.phase)
	input.base.compared == true
	input.base.new_version == true
	input.file.version <= input.base.max_version_on_base
	msg := concat("", ["version ", lib.text(input.file.version), " of track ", lib.text(input.file.track), " is new but not above ", lib.text(input.base.max_version_on_base), ", the highest version on the base branch: databases that already ran ", lib.text(input.base.max_version_on_base), " would skip it"])
	hint := concat("", ["Renumber the version above ", lib.text(input.base.max_version_on_base), "."])
}
