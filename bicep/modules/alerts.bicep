// Alert rules on what PatchHound's operators act on (docs/observability.md), the Azure twins of
// deploy/observability/prometheus-alerts.yaml: API errors and latency from Application Insights' requests, queue
// backlog, dead letters, failed jobs and ingestion lag from the hosts' metrics, PostgreSQL CPU and connections from the
// server's platform metrics, all to one action group.

@description('Short, unique suffix of resource names.')
param resourceToken string

@description('Tags applied to every resource.')
param tags object

@description('Log Analytics workspace of the workspace-based Application Insights (its App* tables).')
param logAnalyticsWorkspaceId string

@description('Azure region of the workspace; log alert rules live beside it.')
param location string

@description('PostgreSQL Flexible Server (same resource group) whose metrics are watched.')
param postgresServerName string

@description('Addresses the action group e-mails; none means alerts are recorded but nobody is told.')
param alertEmails array

@description('Active PostgreSQL connections that deserve a look (the budget is in docs/connections.md).')
param postgresConnectionsThreshold int

@description('API p95 latency in milliseconds above which the API is slow.')
param apiP95ThresholdMs int

@description('Jobs waiting in one queue for 15 minutes that mean the workers do not keep up.')
param queueBacklogThreshold int = 500

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: postgresServerName
}

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-patchhound-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'patchhound'
    enabled: true
    emailReceivers: [
      for (address, i) in alertEmails: { name: 'operator-${i}', emailAddress: address, useCommonAlertSchema: true }
    ]
  }
}

var postgresMetrics = [
  { name: 'cpu', metric: 'cpu_percent', threshold: 80, description: 'PostgreSQL CPU above 80% for 15 minutes.' }
  {
    name: 'connections'
    metric: 'active_connections'
    threshold: postgresConnectionsThreshold
    description: 'PostgreSQL active connections above the budget for 15 minutes: a pool or replica count is off.'
  }
]

resource postgresAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for alert in postgresMetrics: {
    name: 'alert-patchhound-postgres-${alert.name}-${resourceToken}'
    location: 'global'
    tags: tags
    properties: {
      description: alert.description
      severity: 2
      enabled: true
      scopes: [postgres.id]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: alert.metric
            metricName: alert.metric
            metricNamespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
            operator: 'GreaterThan'
            threshold: alert.threshold
            timeAggregation: 'Average'
          }
        ]
      }
      actions: [{ actionGroupId: operators.id }]
    }
  }
]

// AppRequests is what the API's Azure Monitor exporter writes; AppRoleName is its service.name.
var apiRequests = 'AppRequests | where AppRoleName == "patchhound-api" and Url !has "/health/"'
// AppMetrics holds the hosts' OpenTelemetry metrics (docs/observability.md) under their OTLP names; the labels are in
// Properties. Counters arrive as deltas (Sum); the two storage gauges are cluster-wide values every worker reports,
// so they are read with min/max over the window, never summed.
var metrics = 'AppMetrics | where AppRoleName == "patchhound-worker"'
var logAlerts = [
  {
    name: 'api-5xx'
    description: 'More than 2% of API requests answered 5xx in 5 minutes (503 from saturation included).'
    query: '${apiRequests} | summarize total = count(), failed = countif(toint(ResultCode) >= 500) | where total >= 20 | extend rate = 100.0 * failed / total | project rate'
    column: 'rate'
    operator: 'GreaterThan'
    threshold: 2
    window: 'PT5M'
    frequency: 'PT5M'
  }
  {
    name: 'api-p95'
    description: 'API p95 latency above the threshold over 15 minutes.'
    query: '${apiRequests} | summarize p95 = percentile(DurationMs, 95), total = count() | where total >= 20 | project p95'
    column: 'p95'
    operator: 'GreaterThan'
    threshold: apiP95ThresholdMs
    window: 'PT15M'
    frequency: 'PT5M'
  }
  {
    name: 'queue-backlog'
    description: 'A Hangfire queue held more than the threshold of jobs for 15 minutes: add workers for it or find the slow job type.'
    query: '${metrics} and Name == "patchhound.jobs.queue.depth" | summarize depth = min(Min) by queue = tostring(Properties["queue"]) | summarize depth = max(depth)'
    column: 'depth'
    operator: 'GreaterThan'
    threshold: queueBacklogThreshold
    window: 'PT15M'
    frequency: 'PT5M'
  }
  {
    name: 'dead-letters'
    description: 'Jobs stayed dead-lettered (Hangfire Failed) for 5 minutes: read the exception, fix, requeue.'
    query: '${metrics} and Name == "patchhound.jobs.failed.count" | summarize failed = min(Min)'
    column: 'failed'
    operator: 'GreaterThan'
    threshold: 0
    window: 'PT5M'
    frequency: 'PT5M'
  }
  {
    name: 'failed-job-rate'
    description: 'More than 10% of one job type\'s executions failed in 10 minutes: a dependency is broken.'
    query: '${metrics} and Name == "patchhound.jobs.processed" | extend jobType = tostring(Properties["job.type"]), outcome = tostring(Properties["outcome"]) | summarize total = sum(Sum), failed = sumif(Sum, outcome == "failed") by jobType | where total >= 10 | summarize rate = max(100.0 * failed / total)'
    column: 'rate'
    operator: 'GreaterThan'
    threshold: 10
    window: 'PT10M'
    frequency: 'PT5M'
  }
  {
    name: 'ingestion-lag'
    description: 'No ingestion run succeeded in 6 hours: runs fail or are not dispatched.'
    query: '${metrics} and Name == "patchhound.ingestion.runs" and tostring(Properties["outcome"]) == "succeeded" | summarize succeeded = sum(Sum)'
    column: 'succeeded'
    operator: 'LessThan'
    threshold: 1
    window: 'PT6H'
    frequency: 'PT15M'
  }
  {
    name: 'ingestion-dead-letters'
    description: 'An ingestion run was dead-lettered in the last hour; its error names the step, a requeue resumes from the checkpoint.'
    query: '${metrics} and Name == "patchhound.ingestion.runs" and tostring(Properties["outcome"]) == "dead_lettered" | summarize runs = sum(Sum)'
    column: 'runs'
    operator: 'GreaterThan'
    threshold: 0
    window: 'PT1H'
    frequency: 'PT15M'
  }
]

resource logQueryAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for alert in logAlerts: {
    name: 'alert-patchhound-${alert.name}-${resourceToken}'
    location: location
    tags: tags
    properties: {
      description: alert.description
      severity: 2
      enabled: true
      scopes: [logAnalyticsWorkspaceId]
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: alert.column
            operator: alert.operator
            threshold: alert.threshold
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      actions: { actionGroups: [operators.id] }
    }
  }
]
