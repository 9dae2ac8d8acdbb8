#!/usr/bin/env bash
# Traces each project of the shared corpus on an embedded PostgreSQL (default 17) and prints, per
# project, how many statements were traced, failed, disagree with the static lock model, and differ
# only where the answer depends on the rows, the session or objects outside the replayed history.
# Usage: bench/trace-corpus.sh [PG_VERSION] [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pg="${1:-17}"
out="${2:-$root/bench/target/trace-corpus}"
corpus="$root/../shared/corpus"
mkdir -p "$out"
# supabase-auth's files are Go templates: render the one placeholder (the schema name) into a copy,
# as the project does before applying them. The corpus itself stays unmodified.
rendered="$out/rendered"
rm -rf "$rendered" && mkdir -p "$rendered"
cp -r "$corpus/supabase-auth" "$rendered/"
# The project creates the schema (and its roles) outside the migrations.
printf 'CREATE SCHEMA IF NOT EXISTS auth;\n' >"$rendered/auth-schema.sql"
find "$rendered/supabase-auth" -name '*.sql' -exec sed -i -E 's/\{\{ ?index \.Options "Namespace" ?\}\}/auth/g' {} +
for project in harbor kratos supabase-auth supabase-storage; do
  start=$(date +%s)
  src=("$corpus/$project")
  [ "$project" = supabase-auth ] && src=("$rendered/auth-schema.sql" "$rendered/supabase-auth")
  "$root/schemagate" trace --pg-version "$pg" --format json "${src[@]}" >"$out/$project.json" 2>"$out/$project.err" || true
  python3 - "$out/$project.json" "$project" "$(( $(date +%s) - start ))" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
print(f'{sys.argv[2]}: {s["traced"]} traced, {s["failed"]} failed, {s["unmodelled"]} not modelled, {s["disagreements"]} disagree, {s["dependent"]} dependent, {sys.argv[3]} s')
PY
done
