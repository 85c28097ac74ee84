using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FindingsListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_findings_tenant_id_first_seen_at_id",
                table: "findings",
                columns: new[] { "tenant_id", "first_seen_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_findings_tenant_id_sla_due_at_id",
                table: "findings",
                columns: new[] { "tenant_id", "sla_due_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_findings_tenant_id_first_seen_at_id",
                table: "findings");

            migrationBuilder.DropIndex(
                name: "ix_findings_tenant_id_sla_due_at_id",
                table: "findings");
        }
    }
}
