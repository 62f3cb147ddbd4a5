using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FileSweepIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Files_CreatedAt",
                table: "Files",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_CreatedAt",
                table: "Files");
        }
    }
}
