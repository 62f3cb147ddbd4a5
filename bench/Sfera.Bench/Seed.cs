using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sfera.Bench;

/// <summary>What the server's seed-load command wrote (src/Server/LoadTest): schools, classes, people with tokens.</summary>
public sealed record Seed(string Password, List<SeedSchool> Schools)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IEnumerable<SeedPerson> People => Schools.SelectMany(s => s.People);

    /// <summary>Every class chat with its members (class teacher first, then students).</summary>
    public IEnumerable<(SeedSchool School, SeedClass Class, List<SeedPerson> Members)> ClassChats() =>
        Schools.SelectMany(s => s.Classes.Select(c => (s, c, s.People
            .Where(p => p.ClassId == c.Id && p.Role is "Teacher" or "Student")
            .OrderBy(p => p.Role != "Teacher").ToList())));
}

public sealed record SeedSchool(Guid Id, string Name, Guid StaffRoomId, Guid AnnouncementsId, List<SeedClass> Classes, List<SeedPerson> People);
public sealed record SeedClass(Guid Id, string Name, Guid ClassChatId, Guid ParentsChatId);
public sealed record SeedPerson(Guid AccountId, string Login, string Role, Guid? ClassId, string Token)
{
    /// <summary>A token from a sign-in during the run replaces the minted one.</summary>
    [JsonIgnore] public string? FreshToken { get; set; }
    [JsonIgnore] public string CurrentToken => FreshToken ?? Token;
}
