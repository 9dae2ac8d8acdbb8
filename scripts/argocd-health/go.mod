// Runs examples/gitops/schemastate-health.lua, the Argo CD health check for SchemaState, with
// gopher-lua, the Lua engine Argo CD embeds, on SchemaState objects in each state (go test).
module schemagate.dev/argocd-health

go 1.23

require github.com/yuin/gopher-lua v1.1.2
