using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.IntegrationTests.Persistence;

/// <summary>
/// Issue 13's fleet — 10 worker processes and 4 API replicas on one PostgreSQL with <c>max_connections = 100</c> —
/// fits with headroom by configuration alone: each process holds at most its pool plus its one listening connection,
/// as the hosts compute them (docs/connections.md). The idle counts of real processes: <see cref="ConnectionBudgetTests"/>.
/// </summary>
public sealed class ConnectionBudgetDefaultsTests
{
    private const string Connection = "Host=127.0.0.1;Database=patchhound;Username=app";

    [Fact]
    public void Ten_workers_and_four_apis_hold_at_most_80_connections_by_default_and_a_busy_worker_at_most_12()
    {
        var worker = WorstCaseOf("PatchHound.Worker");
        var api = WorstCaseOf("PatchHound.Api");

        worker.Should().BeLessThanOrEqualTo(12, "a busy worker's target");
        (10 * worker + 4 * api).Should().BeLessThanOrEqualTo(80, "20 of 100 connections stay free for migrations, operators and superusers");
    }

    [Fact]
    public void A_configured_pool_or_a_pool_size_in_the_connection_string_wins_over_the_default()
    {
        WorstCaseOf("PatchHound.Api", new() { ["Database:Pools:api:MaxPoolSize"] = "9" }).Should().Be(10);
        WorstCaseOf("PatchHound.Api", new() { ["Database:Pools:api:ConnectionIdleLifetime"] = "00:00:05" })
            .Should().Be(ConnectionBudget.ApiMaxPoolSize + 1, "setting another value of the role's budget keeps its pool size");
        WorstCaseOf("PatchHound.Worker", new() { ["ConnectionStrings:PatchHound"] = Connection + ";Maximum Pool Size=3" }).Should().Be(4);
    }

    [Fact]
    public void Behind_a_transaction_mode_pgbouncer_nothing_is_prepared_or_reset_and_the_listener_connects_directly()
    {
        var builder = Builder("PatchHound.Worker", new()
        {
            ["Database:Pooler"] = nameof(ConnectionPooler.PgBouncerTransaction),
            ["ConnectionStrings:PatchHound"] = "Host=pgbouncer.internal;Port=6432;Database=patchhound;Username=app",
            ["ConnectionStrings:PatchHoundDirect"] = "Host=postgres.internal;Port=5432;Database=patchhound;Username=app",
        });
        var pooled = new NpgsqlConnectionStringBuilder(builder.ProcessConnectionString());
        var listening = new NpgsqlConnectionStringBuilder(builder.ListeningConnectionString());

        pooled.MaxAutoPrepare.Should().Be(0, "a prepared statement stays on a server connection the next transaction may not get");
        pooled.NoResetOnClose.Should().BeTrue();
        pooled.Host.Should().Be("pgbouncer.internal");
        listening.Host.Should().Be("postgres.internal", "LISTEN needs a session of its own");
        listening.ApplicationName.Should().Be(pooled.ApplicationName);
        new NpgsqlConnectionStringBuilder(Builder("PatchHound.Worker").ProcessConnectionString()).MaxAutoPrepare
            .Should().Be(ConnectionDefaults.MaxAutoPrepare, "straight to PostgreSQL, statements run again and again are prepared");

        var missingDirect = Builder("PatchHound.Api", new() { ["Database:Pooler"] = nameof(ConnectionPooler.PgBouncerTransaction) });
        FluentActions.Invoking(() => missingDirect.ListeningConnectionString())
            .Should().Throw<InvalidOperationException>().WithMessage("*ConnectionStrings:PatchHoundDirect*");
    }

    // The process's pool as the host computes it, plus the one listening connection.
    private static int WorstCaseOf(string application, Dictionary<string, string?>? settings = null) =>
        new NpgsqlConnectionStringBuilder(Builder(application, settings).ProcessConnectionString()).MaxPoolSize + 1;

    private static HostApplicationBuilder Builder(string application, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = application, Configuration = new ConfigurationManager() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:PatchHound"] = Connection });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        return builder;
    }
}
