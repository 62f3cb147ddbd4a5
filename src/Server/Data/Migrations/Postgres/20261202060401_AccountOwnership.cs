using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CreatedBySchoolId",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            // Accounts made before this change: the school of their first membership made them.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "CreatedBySchoolId" = (
                    SELECT m."SchoolId" FROM "Memberships" m WHERE m."AccountId" = "AspNetUsers"."Id" ORDER BY m."CreatedAt" LIMIT 1)
                WHERE NOT "IsOperator"
                """);

            migrationBuilder.CreateTable(
                name: "SchoolInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChildIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchoolInvitations_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SchoolInvitations_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolInvitations_AccountId_Status",
                table: "SchoolInvitations",
                columns: new[] { "AccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolInvitations_SchoolId_Status",
                table: "SchoolInvitations",
                columns: new[] { "SchoolId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SchoolInvitations");

            migrationBuilder.DropColumn(
                name: "CreatedBySchoolId",
                table: "AspNetUsers");
        }
    }
}
