using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SweepDueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_slot_at",
                table: "source_configurations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_slot_at",
                table: "scan_profiles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_source_configurations_next_slot",
                table: "source_configurations",
                columns: new[] { "next_slot_at", "tenant_id" },
                filter: "enabled");

            migrationBuilder.CreateIndex(
                name: "ix_scan_profiles_next_slot",
                table: "scan_profiles",
                columns: new[] { "next_slot_at", "tenant_id" },
                filter: "enabled");

            migrationBuilder.CreateIndex(
                name: "ix_remediation_cases_escalation_due",
                table: "remediation_cases",
                columns: new[] { "stage_due_at", "tenant_id" },
                filter: "status <> 'Closed' AND stage IN ('Triage', 'Remediation')");

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_runs_queued_since",
                table: "ingestion_runs",
                columns: new[] { "queued_at", "tenant_id" },
                filter: "status = 'Queued'");

            migrationBuilder.CreateIndex(
                name: "ix_findings_risk_accepted",
                table: "findings",
                columns: new[] { "tenant_id", "vulnerability_id", "device_id" },
                filter: "status = 'RiskAccepted'");

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_pending_expiry",
                table: "approval_requests",
                columns: new[] { "expires_at", "tenant_id" },
                filter: "status = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_source_configurations_next_slot",
                table: "source_configurations");

            migrationBuilder.DropIndex(
                name: "ix_scan_profiles_next_slot",
                table: "scan_profiles");

            migrationBuilder.DropIndex(
                name: "ix_remediation_cases_escalation_due",
                table: "remediation_cases");

            migrationBuilder.DropIndex(
                name: "ix_ingestion_runs_queued_since",
                table: "ingestion_runs");

            migrationBuilder.DropIndex(
                name: "ix_findings_risk_accepted",
                table: "findings");

            migrationBuilder.DropIndex(
                name: "ix_approval_requests_pending_expiry",
                table: "approval_requests");

            migrationBuilder.DropColumn(
                name: "next_slot_at",
                table: "source_configurations");

            migrationBuilder.DropColumn(
                name: "next_slot_at",
                table: "scan_profiles");
        }
    }
}
