using Hangfire.Server;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Jobs.Ingestion;

/// <summary>What a step of a run works with: the tenant-scoped services, the run (now Running) and the Hangfire job.</summary>
public sealed record IngestionStep(IServiceProvider Services, PatchHoundDbContext Db, IngestionRun Run, PerformContext? Job);
