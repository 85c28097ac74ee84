using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SeverityRankByWritersAndAiDueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<short>(
                name: "severity_rank",
                table: "findings",
                type: "smallint",
                nullable: false,
                defaultValue: (short)-1,
                oldClrType: typeof(short),
                oldType: "smallint",
                oldDefaultValue: (short)0);

            migrationBuilder.CreateIndex(
                name: "ix_ai_remediation_requests_status_claimed_at_tenant_id",
                table: "ai_remediation_requests",
                columns: new[] { "status", "claimed_at", "tenant_id" },
                filter: "status IN ('Pending', 'Claimed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ai_remediation_requests_status_claimed_at_tenant_id",
                table: "ai_remediation_requests");

            migrationBuilder.AlterColumn<short>(
                name: "severity_rank",
                table: "findings",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0,
                oldClrType: typeof(short),
                oldType: "smallint",
                oldDefaultValue: (short)-1);
        }
    }
}
