namespace PatchHound.Infrastructure.Caching;

/// <summary>The triggers that announce committed changes of cached tables (see <see cref="CacheChanges"/>).</summary>
public static class CacheChangeTriggers
{
    private const string Function = "notify_cache_change";

    public static string CreateSql()
    {
        var triggers = CacheChanges.Tables.Select(t => $"""
            CREATE TRIGGER {t.Table}_cache_change AFTER INSERT OR UPDATE OR DELETE ON {t.Table}
                FOR EACH ROW EXECUTE FUNCTION {Function}('{t.KeyColumn}');
            CREATE TRIGGER {t.Table}_cache_truncate AFTER TRUNCATE ON {t.Table}
                FOR EACH STATEMENT EXECUTE FUNCTION {Function}('{t.KeyColumn}');
            """);
        return $$"""
            CREATE FUNCTION {{Function}}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    PERFORM pg_notify('{{CacheChanges.Channel}}', TG_TABLE_NAME || ':{{CacheChanges.AnyKey}}');
                    RETURN NULL;
                END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    PERFORM pg_notify('{{CacheChanges.Channel}}', TG_TABLE_NAME || ':' || (to_jsonb(OLD) ->> TG_ARGV[0]));
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    PERFORM pg_notify('{{CacheChanges.Channel}}', TG_TABLE_NAME || ':' || (to_jsonb(NEW) ->> TG_ARGV[0]));
                END IF;
                RETURN NULL;
            END $$;
            {{string.Join("\n", triggers)}}
            """;
    }

    public static string DropSql() =>
        string.Join("\n", CacheChanges.Tables.Select(t => $"""
            DROP TRIGGER IF EXISTS {t.Table}_cache_change ON {t.Table};
            DROP TRIGGER IF EXISTS {t.Table}_cache_truncate ON {t.Table};
            """)) + $"\nDROP FUNCTION IF EXISTS {Function}();";
}
