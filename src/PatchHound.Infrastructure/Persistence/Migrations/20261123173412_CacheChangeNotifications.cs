using Microsoft.EntityFrameworkCore.Migrations;
using PatchHound.Infrastructure.Caching;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <summary>Triggers announcing committed changes of tenants, users and memberships to the replicas' caches.</summary>
    public partial class CacheChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CacheChangeTriggers.CreateSql());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CacheChangeTriggers.DropSql());
        }
    }
}
