using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Postgres
{
    /// <summary>
    /// Search by chat: each message's Russian text vector is stored with it ("SearchVector", computed by PostgreSQL
    /// from "Text"; not in the EF model), so walking a chat newest first tests a message without parsing its text,
    /// and the full-text index is keyed by chat and word together (btree_gin), so the rarer words are found among the
    /// caller's chats alone, not in the whole database. btree_gin ships with PostgreSQL and is a trusted extension:
    /// the database's owner may create it.
    /// </summary>
    [DbContext(typeof(PostgresSferaDb))]
    [Migration("20261204163010_SearchByChat")]
    public partial class SearchByChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS btree_gin;
                ALTER TABLE "Messages" ADD "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('russian', "Text")) STORED;
                DROP INDEX "IX_Messages_Text_Russian";
                CREATE INDEX "IX_Messages_ChatId_SearchVector" ON "Messages" USING GIN ("ChatId", "SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Messages_ChatId_SearchVector";
                ALTER TABLE "Messages" DROP COLUMN "SearchVector";
                CREATE INDEX "IX_Messages_Text_Russian" ON "Messages" USING GIN (to_tsvector('russian', "Text"));
                """);
        }
    }
}
