using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IngestionRunSkippedRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "devices_not_listed",
                table: "ingestion_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "findings_without_device",
                table: "ingestion_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "records_skipped",
                table: "ingestion_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "skipped_records",
                table: "ingestion_runs",
                type: "text",
                nullable: false,
                defaultValueSql: "'[]'");

            // Catalog severities an earlier ingestion copied from a tenant's source (ADR 0010): such a row has no feed
            // data at all — title still the id, no description, no published date, no CVSS — and a severity. The
            // feeds always bring a description and a published date with a rating, so those rows are left alone.
            migrationBuilder.Sql(PoisonedCatalogSeverities.ResetSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "devices_not_listed",
                table: "ingestion_runs");

            migrationBuilder.DropColumn(
                name: "findings_without_device",
                table: "ingestion_runs");

            migrationBuilder.DropColumn(
                name: "records_skipped",
                table: "ingestion_runs");

            migrationBuilder.DropColumn(
                name: "skipped_records",
                table: "ingestion_runs");
        }
    }
}
