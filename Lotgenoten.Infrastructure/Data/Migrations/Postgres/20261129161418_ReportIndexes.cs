using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lotgenoten.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Meetings_GroupId_Status_StartsAt",
                table: "Meetings",
                columns: new[] { "GroupId", "Status", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Status_Date",
                table: "Meetings",
                columns: new[] { "Status", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_GroupId_Status_StartsAt",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_Status_Date",
                table: "Meetings");
        }
    }
}
