// PatchHound on Azure Container Apps: one resource group per environment (bicep/README.md).
targetScope = 'subscription'

@description('Environment name, part of the resource group and every resource name.')
@allowed(['dev', 'prod'])
param environmentName string

@description('Azure region of the resource group and its resources.')
param location string

@description('Image tag of patchhound-api and patchhound-worker in the registry.')
param imageTag string

@description('False on the very first deployment: creates registry, vault and data stores, but not the apps (bicep/README.md).')
param deployApps bool = true

@description('PostgreSQL compute tier.')
@allowed(['Burstable', 'GeneralPurpose'])
param postgresTier string

@description('PostgreSQL compute size.')
param postgresSkuName string

@description('PostgreSQL high availability: ZoneRedundant in prod.')
@allowed(['ZoneRedundant', 'SameZone', 'Disabled'])
param postgresHighAvailability string

@description('PostgreSQL geo-redundant backups: Enabled in prod.')
@allowed(['Enabled', 'Disabled'])
param postgresGeoRedundantBackup string

@description('PostgreSQL storage in GiB.')
param postgresStorageSizeGB int = 32

@description('The Entra user or group that administers PostgreSQL.')
param postgresEntraAdmin {
  objectId: string
  principalName: string
  principalType: 'User' | 'Group' | 'ServicePrincipal'
}

@description('Public IP ranges allowed to reach PostgreSQL: [{ name, start, end }].')
param postgresFirewallRules array

@description('Break-glass password login; administration is by Entra.')
param postgresAdminLogin string = 'patchhound_admin'

@description('Fresh on every deployment unless given: nobody needs it while the Entra admin exists.')
@secure()
param postgresAdminPassword string = newGuid()

@description('Azure Cache for Redis SKU.')
@allowed(['Basic', 'Standard'])
param redisSku string

@description('Upper bound of API replicas.')
param apiMaxReplicas int

@description('Upper bound of worker replicas.')
param workerMaxReplicas int

@description('Jobs in one queue per worker replica.')
param jobsPerWorker int = 20

@description('The hosts sign in to PostgreSQL with Entra tokens as the stamp identity; false uses the db-app-connection secret.')
param postgresEntraAuthentication bool = true

@description('Key Vault secret data-protection-key-<id> that seals new key-ring elements (rotation: bicep/README.md).')
param dataProtectionActiveKeyId string = 'k1'

@description('Earlier sealing keys still listed so older key-ring elements open.')
param dataProtectionRetiredKeyIds array = []

@description('Addresses the alerts e-mail (bicep/modules/alerts.bicep).')
param alertEmails array = []

@description('Active PostgreSQL connections that raise an alert.')
param postgresConnectionsThreshold int = 80

@description('API p95 latency in milliseconds that raises an alert.')
param apiP95ThresholdMs int = 500

var resourceToken = uniqueString(subscription().id, environmentName, location)
var tags = {
  application: 'patchhound'
  environment: environmentName
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-patchhound-${environmentName}'
  location: location
  tags: tags
}

module controlPlane 'modules/control-plane.bicep' = {
  scope: group
  name: 'control-plane'
  params: {
    location: location
    resourceToken: resourceToken
    environmentName: environmentName
    tags: tags
  }
}

module shared 'modules/shared.bicep' = {
  scope: group
  name: 'shared'
  params: {
    location: location
    resourceToken: resourceToken
    tags: tags
    keyVaultName: controlPlane.outputs.keyVaultName
    logAnalyticsWorkspaceId: controlPlane.outputs.logAnalyticsWorkspaceId
    postgresTier: postgresTier
    postgresSkuName: postgresSkuName
    postgresHighAvailability: postgresHighAvailability
    postgresGeoRedundantBackup: postgresGeoRedundantBackup
    postgresStorageSizeGB: postgresStorageSizeGB
    postgresEntraAdmin: postgresEntraAdmin
    postgresAdminLogin: postgresAdminLogin
    postgresAdminPassword: postgresAdminPassword
    postgresFirewallRules: postgresFirewallRules
    redisSku: redisSku
  }
}

module stamp 'modules/stamp.bicep' = if (deployApps) {
  scope: group
  name: 'stamp'
  params: {
    location: location
    resourceToken: resourceToken
    tags: tags
    registryName: controlPlane.outputs.registryName
    keyVaultName: controlPlane.outputs.keyVaultName
    logAnalyticsWorkspaceId: controlPlane.outputs.logAnalyticsWorkspaceId
    imageTag: imageTag
    apiMaxReplicas: apiMaxReplicas
    workerMaxReplicas: workerMaxReplicas
    jobsPerWorker: jobsPerWorker
    postgresHost: shared.outputs.postgresHost
    postgresEntraAuthentication: postgresEntraAuthentication
    dataProtectionActiveKeyId: dataProtectionActiveKeyId
    dataProtectionRetiredKeyIds: dataProtectionRetiredKeyIds
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: group
  name: 'alerts'
  params: {
    location: location
    resourceToken: resourceToken
    tags: tags
    logAnalyticsWorkspaceId: controlPlane.outputs.logAnalyticsWorkspaceId
    postgresServerName: shared.outputs.postgresServerName
    alertEmails: alertEmails
    postgresConnectionsThreshold: postgresConnectionsThreshold
    apiP95ThresholdMs: apiP95ThresholdMs
  }
}

output resourceGroupName string = group.name
output registryLoginServer string = controlPlane.outputs.registryLoginServer
output keyVaultName string = controlPlane.outputs.keyVaultName
output postgresHost string = shared.outputs.postgresHost
output apiFqdn string = deployApps ? stamp!.outputs.apiFqdn : ''
output identityName string = deployApps ? stamp!.outputs.identityName : ''
output migrationJobName string = deployApps ? stamp!.outputs.migrationJobName : ''
