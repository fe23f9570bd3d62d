using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lotgenoten.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "Referrals",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            // Referrals registered before references existed get a random hex one (a clash with another is about 1 in
            // 4 billion per pair; the unique index below would stop the migration rather than keep a duplicate).
            migrationBuilder.Sql("UPDATE \"Referrals\" SET \"Reference\" = upper(hex(randomblob(4))) WHERE \"Reference\" = '';");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Reference",
                table: "Referrals",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_Reference",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "Referrals");
        }
    }
}
