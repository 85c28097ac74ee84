// Alert rules on what PatchHound's operators act on (docs/observability.md): API errors and latency from Application
// Insights' request table, PostgreSQL CPU and connections from the server's platform metrics, all to one action group.

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
var logAlerts = [
  {
    name: 'api-5xx'
    description: 'More than 2% of API requests answered 5xx in 5 minutes (503 from saturation included).'
    query: '${apiRequests} | summarize total = count(), failed = countif(toint(ResultCode) >= 500) | where total >= 20 | extend rate = 100.0 * failed / total | project rate'
    metricColumn: 'rate'
    threshold: 2
    window: 'PT5M'
  }
  {
    name: 'api-p95'
    description: 'API p95 latency above the threshold over 15 minutes.'
    query: '${apiRequests} | summarize p95 = percentile(DurationMs, 95), total = count() | where total >= 20 | project p95'
    metricColumn: 'p95'
    threshold: apiP95ThresholdMs
    window: 'PT15M'
  }
]

resource apiAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for alert in logAlerts: {
    name: 'alert-patchhound-${alert.name}-${resourceToken}'
    location: location
    tags: tags
    properties: {
      description: alert.description
      severity: 2
      enabled: true
      scopes: [logAnalyticsWorkspaceId]
      evaluationFrequency: 'PT5M'
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: alert.metricColumn
            operator: 'GreaterThan'
            threshold: alert.threshold
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      actions: { actionGroups: [operators.id] }
    }
  }
]
