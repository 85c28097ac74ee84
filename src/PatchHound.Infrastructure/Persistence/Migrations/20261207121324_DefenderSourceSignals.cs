using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PatchHound.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DefenderSourceSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "exploitability_level",
                table: "staged_findings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommendation_reference",
                table: "staged_findings",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommended_security_update",
                table: "staged_findings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommended_security_update_id",
                table: "staged_findings",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommended_security_update_url",
                table: "staged_findings",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "security_update_available",
                table: "staged_findings",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "source_cvss_score",
                table: "staged_findings",
                type: "numeric(3,1)",
                precision: 3,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "aad_device_id",
                table: "staged_devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "device_value",
                table: "staged_devices",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_aad_joined",
                table: "staged_devices",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_ip_address",
                table: "staged_devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "onboarding_status",
                table: "staged_devices",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "os_architecture",
                table: "staged_devices",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rbac_group_id",
                table: "staged_devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rbac_group_name",
                table: "staged_devices",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exploitability_level",
                table: "findings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommendation_reference",
                table: "findings",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommended_security_update",
                table: "findings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommended_security_update_id",
                table: "findings",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommended_security_update_url",
                table: "findings",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "security_update_available",
                table: "findings",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "source_cvss_score",
                table: "findings",
                type: "numeric(3,1)",
                precision: 3,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_severity",
                table: "findings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "aad_device_id",
                table: "devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "device_value",
                table: "devices",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_aad_joined",
                table: "devices",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_ip_address",
                table: "devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "onboarding_status",
                table: "devices",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "os_architecture",
                table: "devices",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rbac_group_id",
                table: "devices",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rbac_group_name",
                table: "devices",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "exploitability_level",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "recommendation_reference",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "recommended_security_update",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "recommended_security_update_id",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "recommended_security_update_url",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "security_update_available",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "source_cvss_score",
                table: "staged_findings");

            migrationBuilder.DropColumn(
                name: "aad_device_id",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "device_value",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "is_aad_joined",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "last_ip_address",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "onboarding_status",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "os_architecture",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "rbac_group_id",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "rbac_group_name",
                table: "staged_devices");

            migrationBuilder.DropColumn(
                name: "exploitability_level",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "recommendation_reference",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "recommended_security_update",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "recommended_security_update_id",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "recommended_security_update_url",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "security_update_available",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "source_cvss_score",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "source_severity",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "aad_device_id",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "device_value",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "is_aad_joined",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "last_ip_address",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "onboarding_status",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "os_architecture",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "rbac_group_id",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "rbac_group_name",
                table: "devices");
        }
    }
}
