// One deployable stamp: the Container Apps environment, its identity, the API, the worker and the migration job.

@description('Azure region of every resource in this module.')
param location string

@description('Short, unique suffix of resource names.')
param resourceToken string

@description('Tags applied to every resource.')
param tags object

@description('Registry (same resource group) the images are pulled from.')
param registryName string

@description('Key Vault (same resource group) holding the secrets the apps reference.')
param keyVaultName string

@description('Log Analytics workspace receiving the environment\'s logs.')
param logAnalyticsWorkspaceId string

@description('Image tag of patchhound-api and patchhound-worker to run.')
param imageTag string

@description('Upper bound of API replicas; the HTTP rule adds one per concurrentRequests in flight.')
param apiMaxReplicas int

@description('Upper bound of worker replicas.')
param workerMaxReplicas int

@description('Id of the key sealing new Data Protection key-ring elements; its value is the Key Vault secret data-protection-key-<id>.')
param dataProtectionActiveKeyId string = 'k1'

@description('Ids of earlier sealing keys still opening older key-ring elements (rotation: bicep/README.md).')
param dataProtectionRetiredKeyIds array = []

@description('PostgreSQL server the hosts connect to (its fully qualified domain name).')
param postgresHost string

@description('True: the hosts sign in to PostgreSQL as the stamp identity with Entra tokens (no password anywhere); false: with the db-app-connection secret.')
param postgresEntraAuthentication bool = true

@description('Jobs waiting or running in one Hangfire queue that justify one worker replica.')
param jobsPerWorker int

var registryServer = registry.properties.loginServer
var vaultSecretsUri = '${vault.properties.vaultUri}secrets/'
var apiImage = '${registryServer}/patchhound-api:${imageTag}'

// Hangfire queues (src/PatchHound.Jobs). Counts enqueued and fetched rows, so a scale-in does not strand running jobs.
var queues = ['critical', 'default', 'ingestion', 'ai']

// Container Apps secrets: each one a Key Vault reference read with the stamp's identity.
var appSecrets = concat(postgresEntraAuthentication ? [] : [
  { name: 'db-app-connection', keyVaultUrl: '${vaultSecretsUri}db-app-connection', identity: identity.id }
], [
  { name: 'redis-connection', keyVaultUrl: '${vaultSecretsUri}redis-connection', identity: identity.id }
  { name: 'appinsights-connection', keyVaultUrl: '${vaultSecretsUri}appinsights-connection', identity: identity.id }
])
// With Entra the login is the identity itself (a PostgreSQL principal named after it, bicep/README.md) and its
// password an access token DefaultAzureCredential gets for the identity: the connection string holds no secret.
var postgresEnv = postgresEntraAuthentication ? [
  {
    name: 'ConnectionStrings__PatchHound'
    value: 'Host=${postgresHost};Database=patchhound;Username=${identity.name};SSL Mode=Require'
  }
  { name: 'Database__Authentication', value: 'Entra' }
] : [
  { name: 'ConnectionStrings__PatchHound', secretRef: 'db-app-connection' }
]
var appEnv = concat(postgresEnv, [
  { name: 'ConnectionStrings__Redis', secretRef: 'redis-connection' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'appinsights-connection' }
  { name: 'ASPNETCORE_HTTP_PORTS', value: '8080' }
  // DefaultAzureCredential signs in as the stamp's user-assigned identity (PostgreSQL, Key Vault for the sources' credentials).
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  { name: 'SecretStore__Provider', value: 'KeyVault' }
  { name: 'SecretStore__KeyVaultUri', value: vault.properties.vaultUri }
])
// The API alone holds the Data Protection key ring (cookies, antiforgery): sealed at rest in Redis with the active key;
// retired keys stay listed so elements sealed before a rotation still open. Key ids are letters, digits and '_';
// Container Apps and Key Vault secret names allow lower-case letters, digits and '-'.
func dataProtectionSecretName(keyId string) string => 'data-protection-key-${toLower(replace(keyId, '_', '-'))}'

var dataProtectionKeyIds = union([dataProtectionActiveKeyId], dataProtectionRetiredKeyIds)
var dataProtectionSecrets = map(dataProtectionKeyIds, keyId => {
  name: dataProtectionSecretName(keyId)
  keyVaultUrl: '${vaultSecretsUri}${dataProtectionSecretName(keyId)}'
  identity: identity.id
})
var apiSecrets = concat(appSecrets, dataProtectionSecrets)
var apiEnv = concat(
  appEnv,
  [{ name: 'DataProtection__ActiveKeyId', value: dataProtectionActiveKeyId }],
  map(dataProtectionKeyIds, keyId => {
    name: 'DataProtection__Keys__${keyId}'
    secretRef: dataProtectionSecretName(keyId)
  })
)
var registries = [{ server: registryServer, identity: identity.id }]
var healthProbes = [
  { type: 'Liveness', httpGet: { path: '/health/live', port: 8080 } }
  { type: 'Readiness', httpGet: { path: '/health/ready', port: 8080 } }
]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-patchhound-${resourceToken}'
  location: location
  tags: tags
}

var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
var keyVaultSecretsUserRole = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '4633458b-17de-408a-b874-0445c86b69e6'
)
// The API writes and deletes the sources' credentials in the vault (SecretStore:Provider KeyVault, docs/secrets.md).
var keyVaultSecretsOfficerRole = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
)

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identity.id, acrPullRole)
  properties: {
    roleDefinitionId: acrPullRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsOfficerRole)
  properties: {
    roleDefinitionId: keyVaultSecretsOfficerRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-patchhound-${resourceToken}'
  location: location
  tags: tags
  properties: {
    // Logs go through the diagnostic setting below: no workspace shared key in the template.
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: environment
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource api 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-patchhound-api-${resourceToken}'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
        // SignalR's negotiate and long-polling requests must reach the replica that holds the connection.
        stickySessions: { affinity: 'sticky' }
      }
      registries: registries
      secrets: apiSecrets
    }
    template: {
      containers: [
        {
          name: 'api'
          image: apiImage
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: apiEnv
          probes: healthProbes
        }
      ]
      // Never zero: SignalR clients hold connections and a cold start would fail the first request.
      scale: {
        minReplicas: 1
        maxReplicas: apiMaxReplicas
        rules: [{ name: 'http-concurrency', http: { metadata: { concurrentRequests: '50' } } }]
      }
    }
  }
  dependsOn: [acrPull, secretsUser, secretsOfficer]
}

resource worker 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-patchhound-worker-${resourceToken}'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      registries: registries
      secrets: concat(appSecrets, [
        { name: 'queue-depth-connection', keyVaultUrl: '${vaultSecretsUri}queue-depth-connection', identity: identity.id }
      ])
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: '${registryServer}/patchhound-worker:${imageTag}'
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: appEnv
          probes: healthProbes
        }
      ]
      // At least one: Hangfire's recurring and delayed schedulers run inside the job servers, so with none nothing
      // would ever be enqueued for the queue-depth rules to see.
      scale: {
        minReplicas: 1
        maxReplicas: workerMaxReplicas
        rules: [
          for queue in queues: {
            name: 'queue-${queue}'
            custom: {
              type: 'postgresql'
              metadata: {
                query: 'SELECT COUNT(*) FROM hangfire.jobqueue WHERE queue = \'${queue}\''
                targetQueryValue: string(jobsPerWorker)
                activationTargetQueryValue: '0'
              }
              auth: [{ secretRef: 'queue-depth-connection', triggerParameter: 'connection' }]
            }
          }
        ]
      }
    }
  }
  dependsOn: [acrPull, secretsUser]
}

// Run before each rollout: az containerapp job start (bicep/README.md).
resource migrate 'Microsoft.App/jobs@2024-03-01' = {
  name: 'caj-patchhound-migrate-${resourceToken}'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    environmentId: environment.id
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 1800
      replicaRetryLimit: 0
      manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 }
      registries: registries
      secrets: [
        appSecrets[0]
        { name: 'db-migrations-connection', keyVaultUrl: '${vaultSecretsUri}db-migrations-connection', identity: identity.id }
      ]
    }
    template: {
      containers: [
        {
          name: 'migrate'
          image: apiImage
          args: ['migrate']
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [
            appEnv[0]
            { name: 'ConnectionStrings__PatchHoundMigrations', secretRef: 'db-migrations-connection' }
          ]
        }
      ]
    }
  }
  dependsOn: [acrPull, secretsUser]
}

output apiFqdn string = api.properties.configuration.ingress.fqdn
output identityClientId string = identity.properties.clientId
output identityName string = identity.name
output migrationJobName string = migrate.name
