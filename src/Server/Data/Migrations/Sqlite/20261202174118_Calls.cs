using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Calls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CallId",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallNote",
                table: "Messages",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChatId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Video = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RingUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    JanusServer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    JanusRoom = table.Column<long>(type: "INTEGER", nullable: true),
                    JanusSecret = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Locked = table.Column<bool>(type: "INTEGER", nullable: false),
                    MicsLocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    WaitingRoom = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuestTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Calls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Calls_Chats_ChatId",
                        column: x => x.ChatId,
                        principalTable: "Chats",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LegId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConnectionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeftAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FeedId = table.Column<long>(type: "INTEGER", nullable: true),
                    Publishing = table.Column<bool>(type: "INTEGER", nullable: false),
                    AudioMids = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    VideoMids = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MutedByHost = table.Column<bool>(type: "INTEGER", nullable: false),
                    CameraOffByHost = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuestName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    GuestKeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    GuestSeenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandRaisedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MicOff = table.Column<bool>(type: "INTEGER", nullable: false),
                    CameraOff = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharingSince = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallParticipants_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallParticipants_AccountId_State",
                table: "CallParticipants",
                columns: new[] { "AccountId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CallParticipants_CallId_AccountId",
                table: "CallParticipants",
                columns: new[] { "CallId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallParticipants_ConnectionId",
                table: "CallParticipants",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_CallParticipants_GuestKeyHash",
                table: "CallParticipants",
                column: "GuestKeyHash");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_ChatId",
                table: "Calls",
                column: "ChatId",
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_GuestTokenHash",
                table: "Calls",
                column: "GuestTokenHash");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_RingUntil",
                table: "Calls",
                column: "RingUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallParticipants");

            migrationBuilder.DropTable(
                name: "Calls");

            migrationBuilder.DropColumn(
                name: "CallId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "CallNote",
                table: "Messages");
        }
    }
}
