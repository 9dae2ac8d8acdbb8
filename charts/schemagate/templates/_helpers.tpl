{{- define "schemagate.fullname" -}}{{ printf "%s-webhook" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "schemagate.runnerName" -}}{{ printf "%s-runner" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "schemagate.labels" -}}
app.kubernetes.io/name: schemagate-webhook
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "schemagate.exempt" -}}
{{- $list := append .Values.webhook.exemptNamespaces .Release.Namespace | uniq -}}
{{ join "," $list }}
{{- end -}}
{{- define "schemagate.cliImage" -}}
{{ .Values.cliImage.repository }}:{{ .Values.cliImage.tag | default .Chart.AppVersion }}
{{- end -}}
{{/* The CLI's pod security: non-root, nothing writable but the /tmp volume. */}}
{{- define "schemagate.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile: {type: RuntimeDefault}
{{- with .Values.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
{{- define "schemagate.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities: {drop: [ALL]}
{{- end -}}
{{/* --db, --password-file and PGUSER of the CLI commands that reach the database. */}}
{{- define "schemagate.dbArgs" -}}
- --db
- {{ .Values.database.url | quote }}
{{- if .Values.database.passwordSecret.name }}
- --password-file
- /etc/schemagate/db/{{ .Values.database.passwordSecret.key }}
{{- end }}
{{- end -}}
{{- define "schemagate.repoArgs" -}}
- --repo
- {{ .Values.migrations.repo | quote }}
{{- with .Values.migrations.ref }}
- --ref
- {{ . | quote }}
{{- end }}
{{- if .Values.migrations.gitPasswordSecret.name }}
- --git-password-file
- /etc/schemagate/git/{{ .Values.migrations.gitPasswordSecret.key }}
{{- end }}
{{- end -}}
{{- define "schemagate.cliEnv" -}}
- {name: HOME, value: /tmp}
{{- with .Values.database.user }}
- {name: PGUSER, value: {{ . | quote }}}
{{- end }}
{{- end -}}
{{- define "schemagate.cliMounts" -}}
- {name: tmp, mountPath: /tmp}
{{- if .Values.database.passwordSecret.name }}
- {name: db, mountPath: /etc/schemagate/db, readOnly: true}
{{- end }}
{{- if .Values.migrations.gitPasswordSecret.name }}
- {name: git, mountPath: /etc/schemagate/git, readOnly: true}
{{- end }}
{{- end -}}
{{- define "schemagate.cliVolumes" -}}
- {name: tmp, emptyDir: {}}
{{- if .Values.database.passwordSecret.name }}
- name: db
  secret: {secretName: {{ .Values.database.passwordSecret.name }}, defaultMode: 0400}
{{- end }}
{{- if .Values.migrations.gitPasswordSecret.name }}
- name: git
  secret: {secretName: {{ .Values.migrations.gitPasswordSecret.name }}, defaultMode: 0400}
{{- end }}
{{- end -}}
{{/* Refuse values the webhook or the CLI would refuse at start, at install time instead; the types
are checked by values.schema.json before any template runs. */}}
{{- define "schemagate.validate" -}}
{{- if and (eq .Values.state.source "jdbc") (not .Values.state.jdbc.url) -}}
{{- fail "state.source jdbc needs state.jdbc.url (jdbc:postgresql://HOST:5432/DB)" -}}
{{- end -}}
{{- if and (or .Values.runner.job.enabled .Values.drift.enabled) (not .Values.database.url) -}}
{{- fail "runner.job.enabled and drift.enabled need database.url (jdbc:postgresql://HOST:5432/DB)" -}}
{{- end -}}
{{- if and (or .Values.runner.job.enabled .Values.drift.enabled .Values.watcher.enabled) (not .Values.migrations.repo) -}}
{{- fail "runner.job.enabled, drift.enabled and watcher.enabled need migrations.repo (the Git URL of the migration repository)" -}}
{{- end -}}
{{- if and .Values.runner.job.enabled (not .Values.runner.rbac.create) -}}
{{- fail "runner.job.enabled needs runner.rbac.create=true (the Job runs as <release>-runner)" -}}
{{- end -}}
{{- if and .Values.webhook.podDisruptionBudget.enabled (ge (int .Values.webhook.podDisruptionBudget.minAvailable) (int .Values.replicas)) -}}
{{- fail (printf "webhook.podDisruptionBudget.minAvailable (%d) must be below replicas (%d), or no node could ever be drained: lower it, raise replicas, or set webhook.podDisruptionBudget.enabled=false" (int .Values.webhook.podDisruptionBudget.minAvailable) (int .Values.replicas)) -}}
{{- end -}}
{{- end -}}
{{/* Hook annotations of the runner Job and of what it needs before it runs (its ServiceAccount and
RBAC): a pre-install hook runs before the release's ordinary objects exist. weight orders them in
Helm, wave in Argo CD (lower first). */}}
{{- define "schemagate.runnerHook" -}}
{{- if eq .hook "helm" }}
annotations:
  helm.sh/hook: pre-install,pre-upgrade
  helm.sh/hook-weight: {{ .weight | quote }}
  # the last failed Job stays for its log until the next upgrade replaces it
  helm.sh/hook-delete-policy: before-hook-creation
{{- else if eq .hook "argocd" }}
annotations:
  argocd.argoproj.io/hook: PreSync
  argocd.argoproj.io/sync-wave: {{ .wave | quote }}
  argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
{{- end }}
{{- end -}}
