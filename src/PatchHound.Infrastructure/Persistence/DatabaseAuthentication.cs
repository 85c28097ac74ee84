namespace PatchHound.Infrastructure.Persistence;

/// <summary>How the hosts' application login proves itself to PostgreSQL (<c>Database:Authentication</c>).</summary>
public enum DatabaseAuthentication
{
    /// <summary>The password in <c>ConnectionStrings:PatchHound</c>.</summary>
    Password,

    /// <summary>
    /// Microsoft Entra access tokens as the password (Azure Database for PostgreSQL): the connection string names the
    /// Entra principal as Username and holds no password (<see cref="PostgresDataSources"/>).
    /// </summary>
    Entra,
}
