using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Deployment.Bicep;

public sealed partial class BicepTemplateTests(BicepFixture bicep) : IClassFixture<BicepFixture>
{
    private const string AcrPullRole = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    private const string KeyVaultSecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficerRole = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void Every_file_builds_lints_and_snapshots_without_a_diagnostic()
    {
        bicep.Runs.Select(run => run.Command).Should().Contain(
            ["build main.bicep --stdout", "lint main.bicep", "lint modules/stamp.bicep", "lint params/prod.bicepparam",
             "build-params params/dev.bicepparam --stdout", "build-params params/prod.bicepparam --stdout"]);
        bicep.Runs.Where(run => !run.IsClean).Should().BeEmpty();
        bicep.Dev.Resources.Should().NotBeEmpty();
        bicep.Prod.Resources.Should().NotBeEmpty();
    }

    [Fact]
    public void Apps_and_the_migration_job_run_as_the_stamp_identity_and_pull_from_the_registry_by_it()
    {
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            var identityId = (string)snapshot.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single()["id"]!;
            var registryName = (string)snapshot.OfType("Microsoft.ContainerRegistry/registries").Single()["name"]!;
            snapshot.Workloads.Should().HaveCount(3);
            foreach (var workload in snapshot.Workloads)
            {
                workload["identity"]!["type"]!.GetValue<string>().Should().Be("UserAssigned");
                workload["identity"]!["userAssignedIdentities"]!.AsObject().Select(pair => pair.Key).Should().Equal(identityId);
                var registries = workload["properties"]!["configuration"]!["registries"]!.AsArray();
                registries.Should().ContainSingle();
                registries[0]!["identity"]!.GetValue<string>().Should().Be(identityId);
                registries[0]!["server"]!.GetValue<string>().Should().Contain($"/registries/{registryName}'");
                registries[0]!.AsObject().Select(pair => pair.Key).Should().BeEquivalentTo("server", "identity");
            }

            snapshot.OfType("Microsoft.ContainerRegistry/registries").Single()["properties"]!["adminUserEnabled"]!
                .GetValue<bool>().Should().BeFalse();
            RoleGrantedToIdentity(snapshot, AcrPullRole, identityId).Should().BeTrue("the identity needs AcrPull");
            RoleGrantedToIdentity(snapshot, KeyVaultSecretsUserRole, identityId).Should().BeTrue("the identity reads Key Vault secrets");
        }
    }

    [Fact]
    public void Container_secrets_are_key_vault_references_and_plain_environment_values_hold_no_secret()
    {
        foreach (var workload in bicep.Dev.Workloads.Concat(bicep.Prod.Workloads))
        {
            var identityId = (string)workload["identity"]!["userAssignedIdentities"]!.AsObject().Single().Key;
            var secrets = workload["properties"]!["configuration"]!["secrets"]!.AsArray();
            secrets.Should().NotBeEmpty();
            foreach (var secret in secrets)
            {
                secret!.AsObject().Select(pair => pair.Key).Should().BeEquivalentTo("name", "keyVaultUrl", "identity");
                ((string)secret["identity"]!).Should().Be(identityId);
            }

            var names = secrets.Select(secret => (string)secret!["name"]!).ToHashSet();
            foreach (var variable in Containers(workload).SelectMany(container => container["env"]?.AsArray() ?? []))
            {
                var name = (string)variable!["name"]!;
                if (variable["secretRef"] is { } secretRef)
                {
                    names.Should().Contain((string)secretRef!, $"{name} refers to a declared secret");
                    continue;
                }

                var value = (string)variable["value"]!;
                if (name == "ConnectionStrings__PatchHound")
                {
                    // Entra sign-in: the connection string names the identity and holds no password.
                    value.Should().NotContainEquivalentOf("password", $"{name} is a plain value only without a password");
                }
                else
                {
                    SecretPatterns.IsSecretName(name).Should().BeFalse($"{name} holds a plain value");
                }

                SecretPatterns.LooksLikeSecretValue(value).Should().BeFalse($"{name}'s value looks secret");
            }
        }
    }

    [Fact]
    public void No_output_carries_a_secret()
    {
        var templates = Templates(MainTemplate).ToList();
        templates.Should().HaveCount(5, "main and its four modules");
        foreach (var template in templates)
        {
            var secureParameters = (template["parameters"]?.AsObject() ?? [])
                .Where(pair => ((string?)pair.Value!["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
                .Select(pair => $"parameters('{pair.Key}')")
                .ToList();
            foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
            {
                var type = (string)output!["type"]!;
                var value = output["value"]!.ToJsonString();
                type.Should().NotStartWithEquivalentOf("secure", $"output {name}");
                SecretPatterns.IsSecretName(name).Should().BeFalse($"output {name}");
                SecretPatterns.LooksLikeSecretValue(value).Should().BeFalse($"output {name} is {value}");
                secureParameters.Should().NotContain(parameter => value.Contains(parameter), $"output {name} is {value}");
            }
        }

        foreach (var (name, value) in bicep.Dev.Outputs.Concat(bicep.Prod.Outputs))
        {
            SecretPatterns.LooksLikeSecretValue(value!.ToJsonString()).Should().BeFalse($"output {name}");
        }
    }

    [Fact]
    public void Worker_keeps_a_replica_and_scales_on_queue_depth_with_keda_without_ingress()
    {
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            var worker = snapshot.Single("Microsoft.App/containerApps", "worker");
            var scale = worker["properties"]!["template"]!["scale"]!;
            scale["minReplicas"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1, "Hangfire's schedulers run in the worker");
            var rules = scale["rules"]!.AsArray().Select(rule => rule!["custom"]).OfType<JsonNode>().ToList();
            rules.Select(rule => (string)rule["type"]!).Should().NotBeEmpty().And.OnlyContain(type => type == "postgresql");
            rules.Select(rule => (string)rule["metadata"]!["query"]!).Should().OnlyContain(query => query.Contains("hangfire.jobqueue"));
            var secrets = worker["properties"]!["configuration"]!["secrets"]!.AsArray().Select(secret => (string)secret!["name"]!);
            rules.SelectMany(rule => rule["auth"]!.AsArray()).Select(auth => (string)auth!["secretRef"]!)
                .Should().NotBeEmpty().And.OnlyContain(secretRef => secrets.Contains(secretRef));
            worker["properties"]!["configuration"]!["ingress"].Should().BeNull();
        }
    }

    [Fact]
    public void The_api_seals_its_key_ring_with_a_vault_key_and_both_apps_use_the_vault_as_secret_store()
    {
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            var api = snapshot.Single("Microsoft.App/containerApps", "api");
            var env = Containers(api).Single()["env"]!.AsArray().ToDictionary(variable => (string)variable!["name"]!, variable => variable!);
            var keyId = (string)env["DataProtection__ActiveKeyId"]["value"]!;
            var keyRef = (string)env[$"DataProtection__Keys__{keyId}"]["secretRef"]!;
            var secret = api["properties"]!["configuration"]!["secrets"]!.AsArray().Single(secret => (string)secret!["name"]! == keyRef)!;
            ((string)secret["keyVaultUrl"]!).Should().Contain("secrets/").And.EndWith($"'data-protection-key-{keyId}')]");

            var worker = snapshot.Single("Microsoft.App/containerApps", "worker");
            Containers(worker).Single()["env"]!.AsArray().Select(variable => (string)variable!["name"]!)
                .Should().NotContain(name => name.StartsWith("DataProtection__", StringComparison.Ordinal), "only the API holds the key ring");
            foreach (var app in new[] { api, worker })
            {
                var values = Containers(app).Single()["env"]!.AsArray().ToDictionary(variable => (string)variable!["name"]!, variable => variable!);
                ((string)values["SecretStore__Provider"]["value"]!).Should().Be("KeyVault");
                values.Should().ContainKeys("SecretStore__KeyVaultUri", "AZURE_CLIENT_ID");
            }

            var identityId = (string)snapshot.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single()["id"]!;
            RoleGrantedToIdentity(snapshot, KeyVaultSecretsOfficerRole, identityId).Should().BeTrue("the API writes the sources' credentials");
        }
    }

    [Fact]
    public void A_key_rotation_seals_with_the_new_key_and_still_opens_with_the_retired_ones()
    {
        var api = bicep.ProdRotatingKeys.Single("Microsoft.App/containerApps", "api");
        var env = Containers(api).Single()["env"]!.AsArray().ToDictionary(variable => (string)variable!["name"]!, variable => variable!);
        ((string)env["DataProtection__ActiveKeyId"]["value"]!).Should().Be("k2");
        env.Keys.Where(name => name.StartsWith("DataProtection__Keys__", StringComparison.Ordinal))
            .Should().BeEquivalentTo("DataProtection__Keys__k2", "DataProtection__Keys__k1", "DataProtection__Keys__old_k0");

        var secrets = api["properties"]!["configuration"]!["secrets"]!.AsArray()
            .ToDictionary(secret => (string)secret!["name"]!, secret => (string)secret!["keyVaultUrl"]!);
        foreach (var (keyId, secretName) in new[] { ("k2", "data-protection-key-k2"), ("k1", "data-protection-key-k1"), ("old_k0", "data-protection-key-old-k0") })
        {
            ((string)env[$"DataProtection__Keys__{keyId}"]["secretRef"]!).Should().Be(secretName);
            secrets[secretName].Should().Contain("secrets/").And.EndWith($"'{secretName}')]", "the vault secret of a key id is named like its container secret");
        }
    }

    [Fact]
    public void Alerts_watch_api_errors_latency_and_postgres_and_notify_the_action_group()
    {
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            var actionGroup = snapshot.OfType("Microsoft.Insights/actionGroups").Single();
            var actionGroupId = (string)actionGroup["id"]!;
            var postgresId = (string)snapshot.OfType("Microsoft.DBforPostgreSQL/flexibleServers").Single()["id"]!;
            var workspaceId = (string)snapshot.OfType("Microsoft.OperationalInsights/workspaces").Single()["id"]!;

            var metricAlerts = snapshot.OfType("Microsoft.Insights/metricAlerts");
            metricAlerts.SelectMany(alert => alert["properties"]!["criteria"]!["allOf"]!.AsArray())
                .Select(criterion => (string)criterion!["metricName"]!).Should().BeEquivalentTo("cpu_percent", "active_connections");
            foreach (var alert in metricAlerts)
            {
                alert["properties"]!["scopes"]!.AsArray().Select(scope => (string)scope!).Should().Equal(postgresId);
                alert["properties"]!["actions"]!.AsArray().Select(action => (string)action!["actionGroupId"]!).Should().Equal(actionGroupId);
            }

            var logAlerts = snapshot.OfType("Microsoft.Insights/scheduledQueryRules");
            foreach (var alert in logAlerts)
            {
                alert["properties"]!["scopes"]!.AsArray().Select(scope => (string)scope!).Should().Equal(workspaceId);
                alert["properties"]!["actions"]!["actionGroups"]!.AsArray().Select(id => (string)id!).Should().Equal(actionGroupId);
            }

            // alert-patchhound-<name>-<token>
            var queries = logAlerts.ToDictionary(
                alert => string.Join('-', ((string)alert["name"]!).Split('-')[2..^1]),
                alert => (string)alert["properties"]!["criteria"]!["allOf"]![0]!["query"]!);
            queries.Keys.Should().BeEquivalentTo(
                "api-5xx", "api-p95", "queue-backlog", "dead-letters", "failed-job-rate", "ingestion-lag", "ingestion-dead-letters");
            queries["api-5xx"].Should().Contain("AppRequests").And.Contain("patchhound-api");
            queries["api-p95"].Should().Contain("AppRequests").And.Contain("patchhound-api");
            var observability = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "observability.md"));
            foreach (var (name, query) in queries.Where(pair => !pair.Key.StartsWith("api-", StringComparison.Ordinal)))
            {
                var metric = MetricName().Match(query);
                metric.Success.Should().BeTrue($"alert {name} reads one of the hosts' metrics");
                observability.Should().Contain($"`{metric.Groups[1].Value}`", $"alert {name} reads a documented metric");
                query.Should().Contain("AppMetrics").And.Contain("patchhound-worker");
            }

            var lag = logAlerts.Single(alert => ((string)alert["name"]!).Contains("ingestion-lag", StringComparison.Ordinal));
            ((string)lag["properties"]!["criteria"]!["allOf"]![0]!["operator"]!).Should().Be("LessThan", "the lag alert fires on no success");
            ((string)lag["properties"]!["windowSize"]!).Should().Be("PT6H");
        }
    }

    [Fact]
    public void The_database_redis_vault_and_apps_environment_send_their_logs_and_metrics_to_the_workspace()
    {
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            var workspaceId = (string)snapshot.OfType("Microsoft.OperationalInsights/workspaces").Single()["id"]!;
            var settings = snapshot.OfType("Microsoft.Insights/diagnosticSettings");
            foreach (var type in new[] { "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.Cache/redis", "Microsoft.KeyVault/vaults", "Microsoft.App/managedEnvironments" })
            {
                var resourceId = (string)snapshot.OfType(type).Single()["id"]!;
                var setting = settings.Single(setting => ((string)setting["id"]!).StartsWith($"{resourceId}/providers/", StringComparison.OrdinalIgnoreCase));
                ((string)setting["properties"]!["workspaceId"]!).Should().Be(workspaceId, $"{type} logs to the workspace");
                setting["properties"]!["logs"]!.AsArray().Should().NotBeEmpty();
            }
        }
    }

    [Fact]
    public void Api_and_worker_sign_in_to_postgres_as_the_stamp_identity_with_entra_tokens_and_no_password()
    {
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            var identityName = (string)snapshot.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single()["name"]!;
            foreach (var app in new[] { snapshot.Single("Microsoft.App/containerApps", "api"), snapshot.Single("Microsoft.App/containerApps", "worker") })
            {
                var env = Containers(app).Single()["env"]!.AsArray().ToDictionary(variable => (string)variable!["name"]!, variable => variable!);
                ((string)env["Database__Authentication"]["value"]!).Should().Be("Entra");
                var connection = (string)env["ConnectionStrings__PatchHound"]["value"]!;
                connection.Should().Contain($"Username={{1}}").And.Contain($"'{identityName}'").And.Contain("SSL Mode=Require")
                    .And.NotContainEquivalentOf("password");
                app["properties"]!["configuration"]!["secrets"]!.AsArray().Select(secret => (string)secret!["name"]!)
                    .Should().NotContain("db-app-connection", "no application database password exists");
            }
        }
    }

    [Fact]
    public void Api_has_https_ingress_and_scales_on_http_concurrency()
    {
        var api = bicep.Prod.Single("Microsoft.App/containerApps", "api");
        var ingress = api["properties"]!["configuration"]!["ingress"]!;
        ingress["external"]!.GetValue<bool>().Should().BeTrue();
        ingress["allowInsecure"]!.GetValue<bool>().Should().BeFalse();
        ingress["targetPort"]!.GetValue<int>().Should().Be(8080);
        api["properties"]!["template"]!["scale"]!["rules"]!.AsArray().Should().Contain(rule => rule!["http"] != null);
    }

    [Fact]
    public void A_manual_job_runs_the_api_image_with_migrate()
    {
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            var job = snapshot.OfType("Microsoft.App/jobs").Single();
            var apiImage = (string)Containers(snapshot.Single("Microsoft.App/containerApps", "api")).Single()["image"]!;
            job["properties"]!["configuration"]!["triggerType"]!.GetValue<string>().Should().Be("Manual");
            var container = Containers(job).Single();
            ((string)container["image"]!).Should().Be(apiImage);
            container["args"]!.AsArray().Select(arg => (string)arg!).Should().Equal("migrate");
            container["env"]!.AsArray().Select(variable => (string)variable!["name"]!).Should().Contain("ConnectionStrings__PatchHoundMigrations");
        }
    }

    [Fact]
    public void Prod_runs_postgres_zone_redundant_with_geo_backups_and_dev_does_not()
    {
        Postgres(bicep.Prod)["highAvailability"]!["mode"]!.GetValue<string>().Should().Be("ZoneRedundant");
        Postgres(bicep.Prod)["backup"]!["geoRedundantBackup"]!.GetValue<string>().Should().Be("Enabled");
        Postgres(bicep.Dev)["highAvailability"]!["mode"]!.GetValue<string>().Should().Be("Disabled");
        Postgres(bicep.Dev)["backup"]!["geoRedundantBackup"]!.GetValue<string>().Should().Be("Disabled");
        foreach (var snapshot in new[] { bicep.Dev, bicep.Prod })
        {
            Postgres(snapshot)["version"]!.GetValue<string>().Should().Be("15");
            Postgres(snapshot)["authConfig"]!["activeDirectoryAuth"]!.GetValue<string>().Should().Be("Enabled");
            var redis = snapshot.OfType("Microsoft.Cache/redis").Single()["properties"]!;
            redis["enableNonSslPort"]!.GetValue<bool>().Should().BeFalse();
        }
    }

    private JsonNode MainTemplate => bicep.MainTemplate;

    private static JsonNode Postgres(DeploymentSnapshot snapshot) =>
        snapshot.OfType("Microsoft.DBforPostgreSQL/flexibleServers").Single()["properties"]!;

    [GeneratedRegex("Name == \"([a-z_.]+)\"")]
    private static partial Regex MetricName();

    private static IEnumerable<JsonNode> Containers(JsonNode workload) =>
        workload["properties"]!["template"]!["containers"]!.AsArray().Select(container => container!);

    private static bool RoleGrantedToIdentity(DeploymentSnapshot snapshot, string role, string identityId) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Any(assignment =>
            ((string)assignment["properties"]!["roleDefinitionId"]!).EndsWith($"/roleDefinitions/{role}", StringComparison.Ordinal)
            && ((string)assignment["properties"]!["principalId"]!).Contains($"'{identityId}'", StringComparison.Ordinal));

    /// <summary>A template and, recursively, the templates of its nested deployments (modules).</summary>
    private static IEnumerable<JsonNode> Templates(JsonNode template)
    {
        yield return template;
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(resource => resource!),
            JsonObject symbolic => symbolic.Select(pair => pair.Value!),
            _ => [],
        };
        var modules = resources.Where(resource => (string?)resource["type"] == "Microsoft.Resources/deployments");
        foreach (var nested in modules.Select(module => module["properties"]?["template"]).OfType<JsonNode>())
        {
            foreach (var inner in Templates(nested))
            {
                yield return inner;
            }
        }
    }
}
