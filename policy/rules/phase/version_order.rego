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
	msg := sprintf("version %d of track %s is new but not above %d, the highest version on the base branch: databases that already ran %d would skip it", [input.file.version, input.file.track, input.base.max_version_on_base, input.base.max_version_on_base])
	hint := sprintf("Renumber the version above %d.", [input.base.max_version_on_base])
}
