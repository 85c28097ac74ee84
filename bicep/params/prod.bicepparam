using '../main.bicep'

param environmentName = 'prod'
param location = 'westeurope'
param imageTag = readEnvironmentVariable('PATCHHOUND_IMAGE_TAG')
param deployApps = bool(readEnvironmentVariable('PATCHHOUND_DEPLOY_APPS', 'true'))
param postgresTier = 'GeneralPurpose'
param postgresSkuName = 'Standard_D2ds_v5'
param postgresHighAvailability = 'ZoneRedundant'
param postgresGeoRedundantBackup = 'Enabled'
param postgresStorageSizeGB = 128
param postgresEntraAdmin = {
  objectId: readEnvironmentVariable('PATCHHOUND_PG_ADMIN_OBJECT_ID')
  principalName: readEnvironmentVariable('PATCHHOUND_PG_ADMIN_NAME')
  principalType: 'Group'
}
param postgresFirewallRules = [
  { name: 'azure-services', start: '0.0.0.0', end: '0.0.0.0' }
]
param redisSku = 'Standard'
param apiMaxReplicas = 10
param workerMaxReplicas = 10
// Data Protection key rotation (bicep/README.md): the new key's id active, the old one retired until it may go.
param dataProtectionActiveKeyId = readEnvironmentVariable('PATCHHOUND_DP_ACTIVE_KEY_ID', 'k1')
param dataProtectionRetiredKeyIds = filter(split(readEnvironmentVariable('PATCHHOUND_DP_RETIRED_KEY_IDS', ''), ','), id => !empty(id))
