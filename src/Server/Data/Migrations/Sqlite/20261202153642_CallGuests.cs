using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallGuests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GuestTokenHash",
                table: "Calls",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GuestKeyHash",
                table: "CallParticipants",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GuestName",
                table: "CallParticipants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GuestSeenAt",
                table: "CallParticipants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Calls_GuestTokenHash",
                table: "Calls",
                column: "GuestTokenHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Calls_GuestTokenHash",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "GuestTokenHash",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "GuestKeyHash",
                table: "CallParticipants");

            migrationBuilder.DropColumn(
                name: "GuestName",
                table: "CallParticipants");

            migrationBuilder.DropColumn(
                name: "GuestSeenAt",
                table: "CallParticipants");
        }
    }
}
