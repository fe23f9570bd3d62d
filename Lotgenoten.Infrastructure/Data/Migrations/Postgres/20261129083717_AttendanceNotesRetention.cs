using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lotgenoten.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AttendanceNotesRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckInDoneAt",
                table: "Memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckInDoneBy",
                table: "Memberships",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_FacilitatorNotes_SessionNote",
                table: "FacilitatorNotes",
                column: "MeetingId",
                unique: true,
                filter: "\"Kind\" = 'Session'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FacilitatorNotes_SessionNote",
                table: "FacilitatorNotes");

            migrationBuilder.DropColumn(
                name: "CheckInDoneAt",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "CheckInDoneBy",
                table: "Memberships");
        }
    }
}
