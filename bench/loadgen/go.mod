module schemagate.dev/bench/loadgen

go 1.22
