using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lotgenoten.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralIntakeAndPlacement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "Referrals",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "IntakeStaffId",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "Invitations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Delivery",
                table: "Invitations",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LinkTokenHash",
                table: "Invitations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ApiIdempotencyRecords",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiIdempotencyRecords", x => new { x.ClientId, x.Key });
                });

            // Invitations made before link tokens existed get a unique placeholder that no token hashes to (hex only),
            // so that the unique index can be created on a database that already holds invitations.
            migrationBuilder.Sql(
                "UPDATE \"Invitations\" SET \"LinkTokenHash\" = 'legacy-' || \"Id\", \"Delivery\" = 'Handover', \"CreatedBy\" = 'system' WHERE \"LinkTokenHash\" = '';");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_LinkTokenHash",
                table: "Invitations",
                column: "LinkTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiIdempotencyRecords_CreatedAt",
                table: "ApiIdempotencyRecords",
                column: "CreatedAt");

            // Last: dropping a column rebuilds the table on SQLite, and nothing may run after a pending rebuild.
            // Bodies of messages not yet sent are lost; they were plaintext and no release has shipped with them.
            migrationBuilder.AddColumn<string>(
                name: "TextBodyCiphertext",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 400134,
                nullable: true);

            migrationBuilder.DropColumn(
                name: "TextBody",
                table: "OutboxMessages");
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
                type: "TEXT",
                maxLength: 100000,
                nullable: true);
        }
    }
}
