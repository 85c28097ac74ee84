using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FindingSeverityRank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "severity_rank",
                table: "findings",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.CreateIndex(
                name: "ix_findings_tenant_id_status_severity_rank_id",
                table: "findings",
                columns: new[] { "tenant_id", "status", "severity_rank", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_findings_tenant_id_status_severity_rank_id",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "severity_rank",
                table: "findings");
        }
    }
}
