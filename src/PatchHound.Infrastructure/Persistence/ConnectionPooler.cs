namespace PatchHound.Infrastructure.Persistence;

/// <summary>What stands between the hosts and PostgreSQL (<c>Database:Pooler</c>); docs/connections.md.</summary>
public enum ConnectionPooler
{
    /// <summary>The hosts connect to PostgreSQL itself.</summary>
    None,

    /// <summary>
    /// A PgBouncer in <c>pool_mode = transaction</c> (Azure Flexible Server's built-in one): each transaction may run on
    /// another server connection. Nothing is prepared (<c>Max Auto Prepare=0</c>), nothing is reset on return
    /// (<c>No Reset On Close</c>), and the listening connection uses <c>ConnectionStrings:PatchHoundDirect</c>.
    /// </summary>
    PgBouncerTransaction,
}
