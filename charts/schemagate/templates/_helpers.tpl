{{- define "schemagate.fullname" -}}{{ printf "%s-webhook" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "schemagate.labels" -}}
app.kubernetes.io/name: schemagate-webhook
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "schemagate.exempt" -}}
{{- $list := append .Values.webhook.exemptNamespaces .Release.Namespace | uniq -}}
{{ join "," $list }}
{{- end -}}
{{/* Refuse values the webhook would refuse at startup, at install time instead. */}}
{{- define "schemagate.validate" -}}
{{- if not (has .Values.webhook.mode (list "enforce" "warn" "dry-run")) -}}
{{- fail (printf "webhook.mode must be enforce, warn or dry-run, got %q" .Values.webhook.mode) -}}
{{- end -}}
{{- if not (has .Values.webhook.failurePolicy (list "Fail" "Ignore")) -}}
{{- fail (printf "webhook.failurePolicy must be Fail or Ignore, got %q" .Values.webhook.failurePolicy) -}}
{{- end -}}
{{- if not (has .Values.state.source (list "kubernetes" "jdbc")) -}}
{{- fail (printf "state.source must be kubernetes or jdbc, got %q" .Values.state.source) -}}
{{- end -}}
{{- if and (eq .Values.state.source "jdbc") (not .Values.state.jdbc.url) -}}
{{- fail "state.source jdbc needs state.jdbc.url (jdbc:postgresql://HOST:5432/DB)" -}}
{{- end -}}
{{- end -}}
