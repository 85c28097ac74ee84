using System.Text.RegularExpressions;
using Npgsql;
using PatchHound.IntegrationTests.Deployment.Images;
using PatchHound.IntegrationTests.Harness;
using PatchHound.ServiceDefaults;

namespace PatchHound.IntegrationTests.Deployment.Compose;

/// <summary>The self-hosted stack as <c>docker-compose config</c> resolves it with the documented example env files.</summary>
public sealed partial class ComposeStackTests
{
    private static readonly string[] DotnetHosts = ["migrate", "api", "worker", "simulator", "seed-demo"];

    /// <summary>Settings whose last segment is a key id.</summary>
    private static readonly string[] KeyedSettings = ["SecretStore__Keys__", "DataProtection__Keys__"];

    [Fact]
    public async Task Validates_in_every_profile_with_the_example_env_files_and_refuses_without_them()
    {
        var valid = await ComposeConfig.RunAsync(EnvFile.Application.Path, EnvFile.SchemaOwner.Path, EnvFile.Redis.Path, "config", "-q");
        var missing = await ComposeConfig.RunAsync(Path.Combine(RepositoryRoot.Path, "no-such.env"), EnvFile.SchemaOwner.Path, EnvFile.Redis.Path, "config", "-q");

        using var demo = new OperatorEnvFiles(demo: true);
        var filledIn = await ComposeConfig.RunAsync(demo.Application, demo.SchemaOwner, demo.Redis, "config", "-q");

        valid.ExitCode.Should().Be(0, valid.ToString());
        filledIn.ExitCode.Should().Be(0, filledIn.ToString());
        missing.ExitCode.Should().NotBe(0, "a stack without its configuration must not start");
        (await ComposeConfig.LoadAsync()).ServiceNames.Should().BeEquivalentTo(
            "postgres", "redis", "migrate", "api", "worker", "proxy", "simulator", "seed-demo", "otel-collector", "jaeger");
    }

    [Fact]
    public async Task Migrate_runs_once_as_the_schema_owner_before_the_api_and_workers_start()
    {
        var config = await ComposeConfig.LoadAsync();

        config.Strings("migrate", "command").Should().Equal("migrate");
        ((string)config.Service("migrate")["image"]!).Should().Be((string)config.Service("api")["image"]!);
        ((string)config.Service("migrate")["restart"]!).Should().Be("no");
        config.DependsOn("migrate").Should().Contain("postgres", "service_healthy");
        foreach (var service in new[] { "api", "worker", "seed-demo" })
        {
            config.DependsOn(service).Should().Contain("migrate", "service_completed_successfully", service);
        }

        var owner = new NpgsqlConnectionStringBuilder(config.Environment("migrate")["ConnectionStrings__PatchHoundMigrations"]);
        owner.Username.Should().Be(config.Environment("postgres")["POSTGRES_USER"]);
        owner.Host.Should().Be("postgres");
    }

    [Fact]
    public async Task The_api_and_workers_connect_as_the_application_login_and_never_see_the_owners_credentials()
    {
        using var env = new OperatorEnvFiles();
        var config = await ComposeConfig.LoadAsync(env.Application, env.SchemaOwner, env.Redis);
        var ownerPassword = config.Environment("postgres")["POSTGRES_PASSWORD"];
        ownerPassword.Should().Be(env.OwnerPassword);
        var migrate = config.Environment("migrate");

        foreach (var service in new[] { "api", "worker" })
        {
            var environment = config.Environment(service);
            environment.Keys.Should().NotContain(["ConnectionStrings__PatchHoundMigrations", "POSTGRES_PASSWORD", "POSTGRES_USER"], service);
            environment.Values.Should().NotContain(value => value.Contains(ownerPassword, StringComparison.Ordinal), service);
            var login = new NpgsqlConnectionStringBuilder(environment["ConnectionStrings__PatchHound"]);
            login.Username.Should().Be(migrate["Database__AppLogin"], "the migrator creates the login the hosts connect as");
            login.Username.Should().NotBe(config.Environment("postgres")["POSTGRES_USER"]);
        }
    }

    [Fact]
    public async Task Api_and_worker_run_two_replicas_and_only_the_proxy_publishes_the_api()
    {
        var config = await ComposeConfig.LoadAsync();

        foreach (var service in new[] { "api", "worker" })
        {
            ((string)config.Service(service)["deploy"]!["replicas"]!).Should().Be("2", service);
            config.Service(service)["ports"].Should().BeNull("replicas cannot share a published port ({0})", service);
            config.Service(service)["container_name"].Should().BeNull();
        }

        config.Environment("proxy")["PATCHHOUND_API_UPSTREAMS"].Should().Be("dynamic a api 8080");
        config.DependsOn("proxy").Should().Contain("api", "service_healthy");
        config.Environment("api")["ASPNETCORE_HTTP_PORTS"].Should().Be("8080");
        config.Strings("proxy", "ports").Should().ContainSingle().Which.Should().StartWith("127.0.0.1:8080:8080");
    }

    [Fact]
    public async Task Every_dotnet_host_is_read_only_and_checked_by_its_own_healthcheck_command()
    {
        var config = await ComposeConfig.LoadAsync();
        var hostByDockerfile = HostProject.Deployable.ToDictionary(host => $"src/{host.Name}/Dockerfile", StringComparer.Ordinal);

        foreach (var service in DotnetHosts)
        {
            var host = hostByDockerfile[(string)config.Service(service)["build"]!["dockerfile"]!];
            ((string)config.Service(service)["read_only"]!).Should().Be("true", service);
            config.Strings(service, "tmpfs").Should().Equal("/tmp");
            if (service is "migrate" or "seed-demo")
            {
                config.Service(service)["healthcheck"].Should().BeNull("a one-shot command serves nothing to probe");
                continue;
            }

            config.Service(service)["healthcheck"]!["test"]!.AsArray().Select(item => (string)item!)
                .Should().Equal("CMD", "dotnet", $"{host.AssemblyName}.dll", HealthProbe.Command);
        }
    }

    [Fact]
    public async Task The_compose_file_holds_no_secret_only_the_env_files_do()
    {
        var config = await ComposeConfig.LoadAsync();
        var fromEnvFiles = EnvFile.All.SelectMany(file => file.Active).Select(variable => variable.Name).ToHashSet();
        var text = await File.ReadAllTextAsync(ComposeConfig.ComposeFile);

        foreach (var service in config.ServiceNames)
        {
            foreach (var (name, value) in config.Environment(service).Where(pair => !fromEnvFiles.Contains(pair.Key)))
            {
                SecretPatterns.IsSecretName(name).Should().BeFalse($"{service} sets {name} in the compose file itself");
                SecretPatterns.LooksLikeSecretValue(value).Should().BeFalse($"{service}'s {name}");
            }
        }

        SecretPatterns.LooksLikeSecretValue(text).Should().BeFalse();
        text.Should().NotContain("CHANGE_ME").And.NotContainAny("POSTGRES_PASSWORD:", "POSTGRES_PASSWORD=");
    }

    [Fact]
    public void The_example_env_files_leave_every_secret_to_the_operator()
    {
        var secrets = EnvFile.All.SelectMany(file => file.Active)
            .Where(variable => variable.Name.StartsWith("SecretStore__Keys__", StringComparison.Ordinal)
                || variable.Name.StartsWith("DataProtection__Keys__", StringComparison.Ordinal)
                || variable.Name == "ConnectionStrings__Redis"
                || (SecretPatterns.IsSecretName(variable.Name) && !variable.Name.StartsWith("SecretStore__", StringComparison.Ordinal)))
            .ToList();

        secrets.Select(variable => variable.Name).Should().Contain(
            ["POSTGRES_PASSWORD", "ConnectionStrings__PatchHoundMigrations", "Database__AppPassword", "ConnectionStrings__PatchHound", "SecretStore__Keys__k1",
             "DataProtection__Keys__k1", "REDIS_PASSWORD", "ConnectionStrings__Redis"]);
        secrets.Should().OnlyContain(variable => variable.Value.Contains("CHANGE_ME", StringComparison.Ordinal));
    }

    /// <summary>What demo.sh exports for the native path is what the env files offer compose, under the same names.</summary>
    [Fact]
    public async Task The_env_files_use_the_configuration_names_demo_sh_exports()
    {
        var demo = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "demo.sh"));
        var exported = ExportedNames(demo).Select(KeyIdAgnostic).ToHashSet(StringComparer.Ordinal);
        var offered = EnvFile.Application.Variables.Concat(EnvFile.SchemaOwner.Variables)
            .Select(variable => KeyIdAgnostic(variable.Name)).ToHashSet(StringComparer.Ordinal);

        exported.Should().Contain(["ConnectionStrings__PatchHound", "Database__AppLogin", "SecretStore__Keys__{id}", "DataProtection__Keys__{id}",
            "Secrets__demo-simulator"]);
        exported.Except(offered).Should().BeEmpty("compose and demo.sh configure the hosts with the same variables");
    }

    [Fact]
    public async Task Redis_persists_to_a_volume_and_requires_a_password_because_it_holds_the_sealed_key_ring()
    {
        var config = await ComposeConfig.LoadAsync();

        string.Join(' ', config.Strings("redis", "command")).Should().Contain("--appendonly yes").And.Contain("--requirepass \"$$REDIS_PASSWORD\"");
        config.Strings("redis", "volumes").Should().Contain(volume => volume.StartsWith("redis-data:/data", StringComparison.Ordinal));
        EnvFile.Application["DataProtection__ActiveKeyId"].Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_demo_profile_points_the_seeded_source_at_the_simulator_service()
    {
        var config = await ComposeConfig.LoadAsync();

        config.Environment("seed-demo")["Demo__SimulatorUrl"].Should().Be("http://simulator:8080");
        config.Strings("seed-demo", "command").Should().Equal("seed-demo");
        config.DependsOn("seed-demo").Should().Contain("simulator", "service_healthy");
        config.Strings("simulator", "profiles").Should().Equal("demo");
        config.Strings("otel-collector", "profiles").Should().Equal("observability");
        config.Service("api")["profiles"].Should().BeNull("the API is in every profile");
    }

    /// <summary>SecretStore__Keys__demo and SecretStore__Keys__k1 name the same setting with different key ids.</summary>
    private static string KeyIdAgnostic(string name) =>
        KeyedSettings.FirstOrDefault(prefix => name.StartsWith(prefix, StringComparison.Ordinal)) is { } prefix ? prefix + "{id}" : name;

    /// <summary><c>export A=x B=y</c>, <c>export A</c> and <c>env 'A=x'</c> lines of a script.</summary>
    private static IEnumerable<string> ExportedNames(string script)
    {
        foreach (var line in script.Split('\n').Select(line => line.Trim()))
        {
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                foreach (var token in line["export ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return token.Split('=')[0];
                }
            }
            else if (EnvAssignment().Match(line) is { Success: true } match)
            {
                yield return match.Groups["name"].Value;
            }
        }
    }

    [GeneratedRegex(@"^env\s+'(?<name>[A-Za-z_][\w\-]*)=")]
    private static partial Regex EnvAssignment();
}
