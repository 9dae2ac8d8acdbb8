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

# METADATA
# description: |
#   Entry point schemagate/batch_findings: the findings of many files in one
#   evaluation. The input is {"files": [<the input of one file>, ...]}; the
#   result is an array aligned with input.files, element i holding the set
#   data.schemagate.findings gives for input.files[i] alone. It saves the
#   fixed cost of one Wasm evaluation per file.
batch_findings := [fs |
	some file in input.files
	fs := findings with input as file
]
