using Sfera.Data;

namespace Sfera.LoadTest;

/// <summary>
/// One seeded school's rows: an administrator, per class a class teacher, students and parents linked to them, all
/// confirmed, and the automatic chats with the members and roles <c>Chats/ChatRoster</c> gives them (the class
/// teacher owns the class and parents' chats, the administrator the staff room and announcements, where teachers
/// moderate). ChatRoster runs after the save anyway and is the authority: this only spares it thousands of
/// per-member "chat added" summaries for people nobody is listening to yet.
/// </summary>
public sealed class SeedRoster
{
    private const string Letters = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ";
    private readonly School school;
    private readonly List<SchoolClass> classes = [];
    private readonly List<Account> accounts = [];
    private readonly List<Membership> memberships = [];
    private readonly List<GuardianLink> guardians = [];
    private readonly List<Chat> chats = [];
    private readonly List<ChatMember> chatMembers = [];
    private readonly Dictionary<Guid, (Chat Class, Chat Parents)> classChats = [];
    private readonly DateTimeOffset now;
    private readonly string hash;

    public List<(Account Account, Role Role, Guid? ClassId)> People { get; } = [];

    private SeedRoster(School school, DateTimeOffset now, string hash)
    {
        this.school = school;
        this.now = now;
        this.hash = hash;
    }

    public static SeedRoster Build(int number, SeedOptions options, string passwordHash, DateTimeOffset now, int schoolYear)
    {
        var school = new School
        {
            Id = Guid.CreateVersion7(), FullName = $"{SeedLoad.NamePrefix}{number}", ShortName = $"Нагрузка {number}", Type = SchoolType.School,
            Region = "Москва", Inn = "7707083893", CreatedAt = now,
        };
        var seed = new SeedRoster(school, now, passwordHash);
        var admin = seed.Person($"lt{number}.admin", "Администратор Нагрузки", Role.Admin, null);
        var staffRoom = seed.NewChat(ChatKind.Staff, null, false);
        var announcements = seed.NewChat(ChatKind.Announcements, null, true);
        seed.Join(staffRoom, admin, ChatRole.Owner);
        seed.Join(announcements, admin, ChatRole.Owner);
        for (var c = 0; c < options.Classes; c++)
        {
            var name = c < 11 * Letters.Length ? $"{c % 11 + 1}{Letters[c / 11]}" : $"{c + 1}";
            var schoolClass = new SchoolClass { Id = Guid.CreateVersion7(), SchoolId = school.Id, Name = name, SchoolYear = schoolYear, CreatedAt = now };
            seed.classes.Add(schoolClass);
            var classChat = seed.NewChat(ChatKind.Class, schoolClass.Id, false);
            var parentsChat = seed.NewChat(ChatKind.Parents, schoolClass.Id, false);
            seed.classChats[schoolClass.Id] = (classChat, parentsChat);

            var teacher = seed.Person($"lt{number}.c{c + 1}.t", $"Учитель Класса {name}", Role.Teacher, schoolClass.Id);
            schoolClass.ClassTeacherId = teacher.Id;
            seed.Join(staffRoom, teacher, ChatRole.Member);
            seed.Join(announcements, teacher, ChatRole.Moderator);
            seed.Join(classChat, teacher, ChatRole.Owner);
            seed.Join(parentsChat, teacher, ChatRole.Owner);
            var students = new List<Account>();
            for (var s = 0; s < options.Students; s++)
            {
                var student = seed.Person($"lt{number}.c{c + 1}.s{s + 1}", $"Ученик Номер {s + 1}", Role.Student, schoolClass.Id);
                students.Add(student);
                seed.Join(classChat, student, ChatRole.Member);
                seed.Join(announcements, student, ChatRole.Member);
            }
            for (var p = 0; p < options.Parents; p++)
            {
                var parent = seed.Person($"lt{number}.c{c + 1}.p{p + 1}", $"Родитель Номер {p + 1}", Role.Parent, schoolClass.Id);
                seed.guardians.Add(new GuardianLink
                {
                    Id = Guid.CreateVersion7(), SchoolId = school.Id, GuardianId = parent.Id, ChildId = students[p % students.Count].Id,
                    Status = GuardianStatus.Confirmed, CreatedAt = now,
                });
                seed.Join(parentsChat, parent, ChatRole.Member);
                seed.Join(announcements, parent, ChatRole.Member);
            }
        }
        return seed;
    }

    public void AddTo(SferaDb db)
    {
        db.Schools.Add(school);
        db.Classes.AddRange(classes);
        db.Users.AddRange(accounts);
        db.Memberships.AddRange(memberships);
        db.GuardianLinks.AddRange(guardians);
        db.Chats.AddRange(chats);
        db.ChatMembers.AddRange(chatMembers);
    }

    public SeedSchool Describe(List<SeedPerson> people) => new(
        school.Id, school.FullName, chats.First(c => c.Kind == ChatKind.Staff).Id, chats.First(c => c.Kind == ChatKind.Announcements).Id,
        classes.Select(c => new SeedClass(c.Id, c.Name, classChats[c.Id].Class.Id, classChats[c.Id].Parents.Id)).ToList(), people);

    private Account Person(string login, string name, Role role, Guid? classId)
    {
        var account = new Account
        {
            Id = Guid.CreateVersion7(), UserName = login, NormalizedUserName = login.ToUpperInvariant(), DisplayName = name,
            PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true, CreatedAt = now, CreatedBySchoolId = school.Id,
        };
        accounts.Add(account);
        memberships.Add(new Membership
        {
            Id = Guid.CreateVersion7(), SchoolId = school.Id, AccountId = account.Id, Role = role, Status = MembershipStatus.Confirmed,
            ClassId = role == Role.Student ? classId : null, CreatedAt = now, DecidedAt = now,
        });
        People.Add((account, role, classId));
        return account;
    }

    private Chat NewChat(ChatKind kind, Guid? classId, bool moderatorsOnly)
    {
        var chat = new Chat { Id = Guid.CreateVersion7(), SchoolId = school.Id, Kind = kind, ClassId = classId, ModeratorsOnly = moderatorsOnly, CreatedAt = now };
        chats.Add(chat);
        return chat;
    }

    private void Join(Chat chat, Account account, ChatRole role) => chatMembers.Add(new ChatMember
    {
        Id = Guid.CreateVersion7(), SchoolId = school.Id, ChatId = chat.Id, AccountId = account.Id, Role = role, JoinedAt = now,
    });
}
