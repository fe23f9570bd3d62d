using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lotgenoten.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AttendanceNotesRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CheckInDoneAt",
                table: "Memberships",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckInDoneBy",
                table: "Memberships",
                type: "TEXT",
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
