# METADATA
# description: |
#   Entry point schemagate/findings: the findings of every built-in rule
#   (data.schemagate.rules.<category>.<rule>.findings) and of every custom rule
#   (data.schemagate.custom.<name>.findings, or one level deeper).
package schemagate

findings contains f if {
	some f in data.schemagate.rules[_][_].findings
}

findings contains f if {
	some f in data.schemagate.custom[_].findings
}

findings contains f if {
	some f in data.schemagate.custom[_][_].findings
}
