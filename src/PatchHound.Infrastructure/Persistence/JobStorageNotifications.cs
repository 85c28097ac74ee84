namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// A trigger on Hangfire's queue table announces, at commit, the queue of every job enqueued or requeued, whoever
/// enqueued it (an API, another worker, Hangfire's scheduler). Workers hear it on their process's one listening
/// connection instead of Hangfire's long polling, which holds a LISTEN connection per waiting worker thread.
/// </summary>
public static class JobStorageNotifications
{
    public const string Channel = "patchhound_job_queued";

    internal static string EnsureSql(string schema) => $"""
        CREATE OR REPLACE FUNCTION {schema}.patchhound_announce_queued_job() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{Channel}', NEW.queue);
            RETURN NULL;
        END $$;
        CREATE OR REPLACE TRIGGER patchhound_announce_queued_job
            AFTER INSERT OR UPDATE OF fetchedat ON {schema}.jobqueue
            FOR EACH ROW WHEN (NEW.fetchedat IS NULL)
            EXECUTE FUNCTION {schema}.patchhound_announce_queued_job();
        """;
}
