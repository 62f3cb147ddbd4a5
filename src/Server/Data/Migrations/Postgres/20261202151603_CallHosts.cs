using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CallHosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Locked",
                table: "Calls",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MicsLocked",
                table: "Calls",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "WaitingRoom",
                table: "Calls",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AudioMids",
                table: "CallParticipants",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CameraOffByHost",
                table: "CallParticipants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HandRaisedAt",
                table: "CallParticipants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MutedByHost",
                table: "CallParticipants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "VideoMids",
                table: "CallParticipants",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Locked",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "MicsLocked",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "WaitingRoom",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "AudioMids",
                table: "CallParticipants");

            migrationBuilder.DropColumn(
                name: "CameraOffByHost",
                table: "CallParticipants");

            migrationBuilder.DropColumn(
                name: "HandRaisedAt",
                table: "CallParticipants");

            migrationBuilder.DropColumn(
                name: "MutedByHost",
                table: "CallParticipants");

            migrationBuilder.DropColumn(
                name: "VideoMids",
                table: "CallParticipants");
        }
    }
}
