using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 over the messages' text, kept in step by triggers (external content: the text is stored once).
            migrationBuilder.Sql("""
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Messages_fts_update";
                DROP TRIGGER "Messages_fts_delete";
                DROP TRIGGER "Messages_fts_insert";
                DROP TABLE "MessagesFts";
                """);
        }
    }
}
