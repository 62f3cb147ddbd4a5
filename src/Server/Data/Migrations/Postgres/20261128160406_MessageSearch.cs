using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sfera.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MessageSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search with Russian morphology; the query uses the same expression, so this index serves it.
            migrationBuilder.Sql("""CREATE INDEX "IX_Messages_Text_Russian" ON "Messages" USING GIN (to_tsvector('russian', "Text"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Messages_Text_Russian";""");
        }
    }
}
