{{/*
The chart name, 63 characters at most (a DNS label).
*/}}
{{- define "kai-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of the release's resources: the release name, suffixed with the
chart name unless the release name already contains it (so `helm install
kai-operator` gives `kai-operator`, not `kai-operator-kai-operator`).
*/}}
{{- define "kai-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "kai-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource.
*/}}
{{- define "kai-operator.labels" -}}
helm.sh/chart: {{ include "kai-operator.chart" . }}
{{ include "kai-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: kai
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels: stable across upgrades (a Deployment's selector is immutable).
*/}}
{{- define "kai-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kai-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the operator runs as.
*/}}
{{- define "kai-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kai-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The operator image: repository@digest when a digest is set, else repository:tag
(tag defaulting to the chart's appVersion).
*/}}
{{- define "kai-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
Where the token Secrets are mounted; the operator re-reads the files on every
use, so a rotated Secret is picked up without a restart.
*/}}
{{- define "kai-operator.kernelAPITokenFile" -}}
/var/run/secrets/kai.dev/kernel-api/{{ .Values.kernelAPI.token.key }}
{{- end }}
{{- define "kai-operator.webhookTokenFile" -}}
/var/run/secrets/kai.dev/webhook/{{ .Values.webhook.token.key }}
{{- end }}

{{/*
The arguments of `kai-operator run`. Every flag here is one RunCommand accepts
(a test parses them with the operator's own argument parser).
*/}}
{{- define "kai-operator.args" -}}
- run
{{- if .Values.leaderElection.enabled }}
- --leader-elect
{{- with .Values.leaderElection.namespace }}
- --leader-election-namespace={{ . }}
{{- end }}
{{- end }}
{{- range .Values.watchNamespaces }}
- --namespace={{ . }}
{{- end }}
{{- if .Values.metrics.enabled }}
- --metrics-bind-address=:{{ .Values.metrics.port }}
{{- else }}
- --metrics-bind-address=0
{{- end }}
- --health-probe-bind-address=:{{ .Values.health.port }}
{{- if .Values.webhook.enabled }}
- --webhook-bind-address=:{{ .Values.webhook.port }}
{{- if .Values.webhook.token.existingSecret }}
- --webhook-token-file={{ include "kai-operator.webhookTokenFile" . }}
{{- end }}
{{- else }}
- --webhook-bind-address=0
{{- end }}
{{- with .Values.kernelAPI.url }}
- --kernel-api-url={{ . }}
{{- end }}
{{- if .Values.kernelAPI.token.existingSecret }}
- --kernel-api-token-file={{ include "kai-operator.kernelAPITokenFile" . }}
{{- end }}
- --max-concurrent-reconciles={{ .Values.maxConcurrentReconciles }}
- --log-format={{ .Values.logFormat }}
- --log-level={{ .Values.logLevel }}
{{- with .Values.extraArgs }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Settings that cannot work together, refused at render time with what to change.
*/}}
{{- define "kai-operator.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) }}
{{- fail (printf "replicaCount is %d but leaderElection.enabled is false: replicas would reconcile the same objects at once; enable leader election or set replicaCount to 1" (int .Values.replicaCount)) }}
{{- end }}
{{- if and .Values.metrics.serviceMonitor.enabled (not (and .Values.metrics.enabled .Values.metrics.service.enabled)) }}
{{- fail "metrics.serviceMonitor.enabled needs metrics.enabled and metrics.service.enabled (the ServiceMonitor scrapes the metrics Service)" }}
{{- end }}
{{- $ports := list (int .Values.health.port) }}
{{- if .Values.metrics.enabled }}
{{- if has (int .Values.metrics.port) $ports }}
{{- fail (printf "metrics.port %d is already used by health.port" (int .Values.metrics.port)) }}
{{- end }}
{{- $ports = append $ports (int .Values.metrics.port) }}
{{- end }}
{{- if and .Values.webhook.enabled (has (int .Values.webhook.port) $ports) }}
{{- fail (printf "webhook.port %d is already used by health.port or metrics.port" (int .Values.webhook.port)) }}
{{- end }}
{{- if .Values.podDisruptionBudget.enabled }}
{{- $min := toString .Values.podDisruptionBudget.minAvailable }}
{{- $max := toString .Values.podDisruptionBudget.maxUnavailable }}
{{- if eq (empty $min) (empty $max) }}
{{- fail "podDisruptionBudget: set exactly one of minAvailable and maxUnavailable (the other to \"\")" }}
{{- end }}
{{- end }}
{{- end }}
