// Per-environment services every stamp shares: image registry, secret store and telemetry.

@description('Azure region of every resource in this module.')
param location string

@description('Short, unique suffix of resource names.')
param resourceToken string

@description('dev or prod.')
param environmentName string

@description('Tags applied to every resource.')
param tags object

var isProd = environmentName == 'prod'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crpatchhound${resourceToken}'
  location: location
  tags: tags
  sku: {
    name: isProd ? 'Standard' : 'Basic'
  }
  properties: {
    // Pulls and pushes by Entra identity only (AcrPull for the apps, AcrPush for CI).
    adminUserEnabled: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ph-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection cannot be switched off again; dev stays disposable.
    enablePurgeProtection: isProd ? true : null
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-patchhound-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: isProd ? 90 : 30
  }
}

// Who read or changed which secret: the vault's audit log.
resource vaultAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspace.id
    logs: [{ categoryGroup: 'audit', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-patchhound-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// The apps read the connection string through a Key Vault reference, never as a plain environment value.
resource insightsConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'appinsights-connection'
  properties: {
    value: insights.properties.ConnectionString
  }
}

output registryName string = registry.name
output registryLoginServer string = registry.properties.loginServer
output keyVaultName string = vault.name
output keyVaultUri string = vault.properties.vaultUri
output logAnalyticsWorkspaceId string = workspace.id
