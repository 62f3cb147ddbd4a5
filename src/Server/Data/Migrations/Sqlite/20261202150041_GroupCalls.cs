using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "JanusRoom",
                table: "Calls",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JanusSecret",
                table: "Calls",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JanusServer",
                table: "Calls",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeedId",
                table: "CallParticipants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Publishing",
                table: "CallParticipants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JanusRoom",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "JanusSecret",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "JanusServer",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "FeedId",
                table: "CallParticipants");

            migrationBuilder.DropColumn(
                name: "Publishing",
                table: "CallParticipants");
        }
    }
}
