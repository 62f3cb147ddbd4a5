using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.People;

namespace Sfera.Roster;

/// <summary>One person from the roster file, already checked field by field.</summary>
public sealed record RosterRow(int Line, Role Role, string ClassName, string Name, string? Phone, string? Email, List<string> Children);
public sealed record RosterError(int Line, string Field, string Message);

/// <summary>
/// Reads a roster CSV (comma or semicolon separated, as Excel saves it in Russia) with the columns
/// role, class, name, phone, email, children; Russian headers (роль, класс, фио, телефон, почта, дети) work too.
/// </summary>
public static class RosterCsv
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["role"] = "role", ["роль"] = "role",
        ["class"] = "class", ["класс"] = "class",
        ["name"] = "name", ["фио"] = "name", ["имя"] = "name",
        ["phone"] = "phone", ["телефон"] = "phone",
        ["email"] = "email", ["e-mail"] = "email", ["почта"] = "email",
        ["children"] = "children", ["дети"] = "children",
    };

    private static readonly Dictionary<string, Role> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["student"] = Role.Student, ["ученик"] = Role.Student, ["ученица"] = Role.Student,
        ["parent"] = Role.Parent, ["родитель"] = Role.Parent, ["guardian"] = Role.Parent,
        ["teacher"] = Role.Teacher, ["учитель"] = Role.Teacher,
        ["staff"] = Role.Staff, ["сотрудник"] = Role.Staff,
        ["admin"] = Role.Admin, ["администратор"] = Role.Admin,
    };

    public static (List<RosterRow> Rows, List<RosterError> Errors) Parse(string text)
    {
        var rows = new List<RosterRow>();
        var errors = new List<RosterError>();
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ";" : ",";
        using var reader = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter, HasHeaderRecord = true, IgnoreBlankLines = true, TrimOptions = TrimOptions.Trim,
            BadDataFound = null, MissingFieldFound = null,
        });
        if (!reader.Read() || !reader.ReadHeader())
        {
            errors.Add(new RosterError(1, "file", Texts.Get("csv_empty")));
            return (rows, errors);
        }
        var columns = reader.HeaderRecord!.Select((h, i) => (Key: Headers.GetValueOrDefault(h.Trim()), Index: i))
            .Where(c => c.Key is not null).GroupBy(c => c.Key!).ToDictionary(g => g.Key, g => g.First().Index);
        foreach (var required in new[] { "role", "name" })
            if (!columns.ContainsKey(required)) errors.Add(new RosterError(1, required, Texts.Get("csv_header")));
        if (errors.Count > 0) return (rows, errors);

        while (reader.Read())
        {
            var line = reader.Parser.RawRow;
            string Cell(string key) => columns.TryGetValue(key, out var i) ? reader.GetField(i)?.Trim() ?? "" : "";
            if (reader.Parser.Record!.All(string.IsNullOrWhiteSpace)) continue;
            void Fail(string field, string key) => errors.Add(new RosterError(line, field, Texts.Get(key)));

            var ok = true;
            if (!Roles.TryGetValue(Cell("role"), out var role)) { Fail("role", "enum"); ok = false; }
            var name = TextRules.NormalizeName(Cell("name"));
            if (name.Length == 0) { Fail("name", "required"); ok = false; }
            else if (TextRules.NameProblem(name) is { } nameProblem) { Fail("name", nameProblem); ok = false; }
            else if (TextRules.Length(name) > 200) { Fail("name", "too_long"); ok = false; }
            // The other cells are matched against names and classes, or looked up: no control characters there either.
            foreach (var key in new[] { "class", "phone", "email", "children" })
                if (TextRules.HasControl(Cell(key))) { Fail(key, "control_chars"); ok = false; }
            var className = Classes.ClassNameOrder.Normalize(Cell("class"));
            if (className.Length > 20) { Fail("class", "too_long"); ok = false; }
            if (role == Role.Student && className.Length == 0) { Fail("class", "class_required"); ok = false; }
            var phone = Accounts.NormalizePhone(Cell("phone"));
            if (Cell("phone").Length > 0 && phone is null) { Fail("phone", "phone"); ok = false; }
            var email = Cell("email");
            if (email.Length > 0 && !Accounts.IsValidEmail(email)) { Fail("email", "email"); ok = false; }
            var children = Cell("children").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(TextRules.NormalizeName).ToList();
            if (role == Role.Parent && children.Count == 0) { Fail("children", "required"); ok = false; }
            if (ok) rows.Add(new RosterRow(line, role, className, name, phone, email.Length == 0 ? null : email, children));
        }
        return (rows, errors);
    }
}
