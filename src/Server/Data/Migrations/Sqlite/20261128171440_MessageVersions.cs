using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "LastVersion",
                table: "Chats",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ChatId_Version",
                table: "Messages",
                columns: new[] { "ChatId", "Version" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ChatId_Version",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "LastVersion",
                table: "Chats");
        }
    }
}
