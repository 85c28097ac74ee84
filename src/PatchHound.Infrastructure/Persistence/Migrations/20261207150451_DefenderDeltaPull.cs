using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DefenderDeltaPull : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "change_status",
                table: "staged_software",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "event_at",
                table: "staged_software",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "change_status",
                table: "staged_findings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "event_at",
                table: "staged_findings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "full_run_interval_days",
                table: "source_configurations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "delta_since",
                table: "ingestion_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pull_mode",
                table: "ingestion_runs",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Full");

            migrationBuilder.AddColumn<string>(
                name: "pull_note",
                table: "ingestion_runs",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "change_status",
                table: "staged_software");

            migrationBuilder.DropColumn(
                name: "event_at",
                table: "staged_software");

            migrationBuilder.DropColumn(
                name: "change_status",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "event_at",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "full_run_interval_days",
                table: "source_configurations");

            migrationBuilder.DropColumn(
                name: "delta_since",
                table: "ingestion_runs");

            migrationBuilder.DropColumn(
                name: "pull_mode",
                table: "ingestion_runs");

            migrationBuilder.DropColumn(
                name: "pull_note",
                table: "ingestion_runs");
        }
    }
}
