{{- define "schemagate.fullname" -}}{{ printf "%s-webhook" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "schemagate.labels" -}}
app.kubernetes.io/name: schemagate-webhook
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "schemagate.exempt" -}}
{{- $list := append .Values.webhook.exemptNamespaces .Release.Namespace | uniq -}}
{{ join "," $list }}
{{- end -}}
