using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Sqlite
{
    /// <summary>
    /// The search index learns each message's chat, so a search asks it for the caller's chats alone, newest first,
    /// and stops at the first page: its cost follows the matches in those chats, not in the whole database. The chat is
    /// a column of its own (its id without dashes, one token) that only the server's query names. Deleted messages
    /// leave the index. Contentless (the text is stored once, in "Messages"), with deletes by rowid.
    /// </summary>
    [DbContext(typeof(SqliteSferaDb))]
    [Migration("20261204163000_SearchByChat")]
    public partial class SearchByChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Messages_fts_update";
                DROP TRIGGER "Messages_fts_delete";
                DROP TRIGGER "Messages_fts_insert";
                DROP TABLE "MessagesFts";
                CREATE VIRTUAL TABLE "MessagesFts" USING fts5("Text", "Chat", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
                INSERT INTO "MessagesFts"(rowid, "Text", "Chat") SELECT rowid, "Text", replace("ChatId", '-', '') FROM "Messages" WHERE "DeletedAt" IS NULL;
                CREATE TRIGGER "Messages_fts_insert" AFTER INSERT ON "Messages" WHEN new."DeletedAt" IS NULL BEGIN
                    INSERT INTO "MessagesFts"(rowid, "Text", "Chat") VALUES (new.rowid, new."Text", replace(new."ChatId", '-', ''));
                END;
                CREATE TRIGGER "Messages_fts_delete" AFTER DELETE ON "Messages" WHEN old."DeletedAt" IS NULL BEGIN
                    DELETE FROM "MessagesFts" WHERE rowid = old.rowid;
                END;
                CREATE TRIGGER "Messages_fts_update" AFTER UPDATE OF "Text", "DeletedAt" ON "Messages" BEGIN
                    DELETE FROM "MessagesFts" WHERE rowid = old.rowid AND old."DeletedAt" IS NULL;
                    INSERT INTO "MessagesFts"(rowid, "Text", "Chat") SELECT new.rowid, new."Text", replace(new."ChatId", '-', '') WHERE new."DeletedAt" IS NULL;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Messages_fts_update";
                DROP TRIGGER "Messages_fts_delete";
                DROP TRIGGER "Messages_fts_insert";
                DROP TABLE "MessagesFts";
                CREATE VIRTUAL TABLE "MessagesFts" USING fts5("Text", content='Messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
                INSERT INTO "MessagesFts"("MessagesFts") VALUES ('rebuild');
                CREATE TRIGGER "Messages_fts_insert" AFTER INSERT ON "Messages" BEGIN
                    INSERT INTO "MessagesFts"(rowid, "Text") VALUES (new.rowid, new."Text");
                END;
                CREATE TRIGGER "Messages_fts_delete" AFTER DELETE ON "Messages" BEGIN
                    INSERT INTO "MessagesFts"("MessagesFts", rowid, "Text") VALUES ('delete', old.rowid, old."Text");
                END;
                CREATE TRIGGER "Messages_fts_update" AFTER UPDATE OF "Text" ON "Messages" BEGIN
                    INSERT INTO "MessagesFts"("MessagesFts", rowid, "Text") VALUES ('delete', old.rowid, old."Text");
                    INSERT INTO "MessagesFts"(rowid, "Text") VALUES (new.rowid, new."Text");
                END;
                """);
        }
    }
}
