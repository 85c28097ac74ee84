using '../main.bicep'

param environmentName = 'dev'
param location = 'westeurope'
param imageTag = readEnvironmentVariable('PATCHHOUND_IMAGE_TAG', 'latest')
param deployApps = bool(readEnvironmentVariable('PATCHHOUND_DEPLOY_APPS', 'true'))
param postgresTier = 'Burstable'
param postgresSkuName = 'Standard_B1ms'
param postgresHighAvailability = 'Disabled'
param postgresGeoRedundantBackup = 'Disabled'
param postgresEntraAdmin = {
  objectId: readEnvironmentVariable('PATCHHOUND_PG_ADMIN_OBJECT_ID', '00000000-0000-0000-0000-000000000000')
  principalName: readEnvironmentVariable('PATCHHOUND_PG_ADMIN_NAME', 'patchhound-db-admins')
  principalType: 'Group'
}
// Azure services only (the Container Apps environment's outbound addresses); add your own IP for psql.
param postgresFirewallRules = [
  { name: 'azure-services', start: '0.0.0.0', end: '0.0.0.0' }
]
param redisSku = 'Basic'
param apiMaxReplicas = 3
param workerMaxReplicas = 3
// Data Protection key rotation (bicep/README.md): the new key's id active, the old one retired until it may go.
param dataProtectionActiveKeyId = readEnvironmentVariable('PATCHHOUND_DP_ACTIVE_KEY_ID', 'k1')
param dataProtectionRetiredKeyIds = filter(split(readEnvironmentVariable('PATCHHOUND_DP_RETIRED_KEY_IDS', ''), ','), id => !empty(id))
