using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lotgenoten.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReferralIntakeAndPlacement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TextBody",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "Referrals",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "IntakeStaffId",
                table: "Referrals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextBodyCiphertext",
                table: "OutboxMessages",
                type: "character varying(400134)",
                maxLength: 400134,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "Invitations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Delivery",
                table: "Invitations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LinkTokenHash",
                table: "Invitations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ApiIdempotencyRecords",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Operation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiIdempotencyRecords", x => new { x.ClientId, x.Key });
                });

            // Invitations made before link tokens existed get a unique placeholder that no token hashes to (hex only),
            // so that the unique index can be created on a database that already holds invitations.
            migrationBuilder.Sql(
                "UPDATE \"Invitations\" SET \"LinkTokenHash\" = 'legacy-' || \"Id\"::text, \"Delivery\" = 'Handover', \"CreatedBy\" = 'system' WHERE \"LinkTokenHash\" = '';");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_LinkTokenHash",
                table: "Invitations",
                column: "LinkTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiIdempotencyRecords_CreatedAt",
                table: "ApiIdempotencyRecords",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiIdempotencyRecords");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_LinkTokenHash",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "DeclineReason",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "IntakeStaffId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "TextBodyCiphertext",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Delivery",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "LinkTokenHash",
                table: "Invitations");

            migrationBuilder.AddColumn<string>(
                name: "TextBody",
                table: "OutboxMessages",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true);
        }
    }
}
