// Stateful services of one environment: PostgreSQL and Redis.

@description('Azure region of every resource in this module.')
param location string

@description('Short, unique suffix of resource names.')
param resourceToken string

@description('Tags applied to every resource.')
param tags object

@description('Key Vault (same resource group) that receives the Redis connection string.')
param keyVaultName string

@description('Log Analytics workspace receiving the servers\' logs and metrics.')
param logAnalyticsWorkspaceId string

@description('PostgreSQL compute: Burstable for dev, GeneralPurpose (required for HA) for prod.')
@allowed(['Burstable', 'GeneralPurpose'])
param postgresTier string

@description('PostgreSQL compute size, e.g. Standard_B1ms or Standard_D2ds_v5.')
param postgresSkuName string

@description('ZoneRedundant in prod; Disabled in dev.')
@allowed(['ZoneRedundant', 'SameZone', 'Disabled'])
param postgresHighAvailability string

@description('Geo-redundant backups; can only be chosen when the server is created.')
@allowed(['Enabled', 'Disabled'])
param postgresGeoRedundantBackup string

@description('Storage of the PostgreSQL server in GiB.')
param postgresStorageSizeGB int

@description('The Entra user or group that administers PostgreSQL.')
param postgresEntraAdmin {
  objectId: string
  principalName: string
  principalType: 'User' | 'Group' | 'ServicePrincipal'
}

@description('Password login of the server administrator; break-glass only, administration is by Entra.')
param postgresAdminLogin string

@secure()
param postgresAdminPassword string

@description('Public IP ranges allowed to reach PostgreSQL: [{ name, start, end }]. 0.0.0.0-0.0.0.0 admits Azure services.')
param postgresFirewallRules array

@description('Azure Cache for Redis SKU: Basic (dev, no SLA) or Standard (prod, replicated).')
@allowed(['Basic', 'Standard'])
param redisSku string

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'psql-patchhound-${resourceToken}'
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresTier
  }
  properties: {
    version: '15'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    // Password authentication stays on for the KEDA queue-depth login (README: scaling).
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: tenant().tenantId
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresGeoRedundantBackup == 'Enabled' ? 35 : 7
      geoRedundantBackup: postgresGeoRedundantBackup
    }
    highAvailability: {
      mode: postgresHighAvailability
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'patchhound'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource entraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: postgres
  name: postgresEntraAdmin.objectId
  properties: {
    principalName: postgresEntraAdmin.principalName
    principalType: postgresEntraAdmin.principalType
    tenantId: tenant().tenantId
  }
  dependsOn: [database]
}

@batchSize(1)
resource firewall 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = [
  for rule in postgresFirewallRules: {
    parent: postgres
    name: rule.name
    properties: {
      startIpAddress: rule.start
      endIpAddress: rule.end
    }
    dependsOn: [entraAdmin]
  }
]

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: 'redis-patchhound-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: redisSku
      family: 'C'
      capacity: redisSku == 'Standard' ? 1 : 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

// Server logs (slow statements, connections, errors) and platform metrics, beside the apps' telemetry.
resource postgresLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: postgres
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource redisLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: redis
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Access key, not Entra: Microsoft.Azure.StackExchangeRedis is not on our package mirror (README: secrets).
resource redisConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'redis-connection'
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

output postgresServerName string = postgres.name
output postgresHost string = postgres.properties.fullyQualifiedDomainName
output redisHost string = redis.properties.hostName
