using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sfera.Auth;
using Sfera.Data;

namespace Sfera.LoadTest;

public sealed record SeedOptions(int Schools, int Classes, int Students, int Parents, string Password, TimeSpan? TokenLifetime = null);

public sealed record SeedPerson(Guid AccountId, string Login, Role Role, Guid? ClassId, string Token);
public sealed record SeedClass(Guid Id, string Name, Guid ClassChatId, Guid ParentsChatId);
public sealed record SeedSchool(Guid Id, string Name, Guid StaffRoomId, Guid AnnouncementsId, List<SeedClass> Classes, List<SeedPerson> People);
public sealed record SeedResult(string Password, DateTimeOffset TokensExpireAt, List<SeedSchool> Schools);

/// <summary>
/// FOR LOAD TESTS ONLY: fills a database with whole schools in seconds (benchmarks, never a real install). Every
/// account gets the same password hash (computed once, so people can still sign in with the password) and a signed-in
/// session with a bearer token, minted as a sign-in would. Refuses to touch a database that holds any school it did
/// not make itself.
/// </summary>
public static class SeedLoad
{
    /// <summary>Every school made here is named with this prefix; it is how a later run knows the database is its own.</summary>
    public const string NamePrefix = "seed-load ";

    private const string Usage = """
        seed-load: FOR LOAD TESTS ONLY. Creates whole schools straight in the database (one shared password hash,
        a session and bearer token per person) and writes them to a JSON file. Refuses a database that holds any
        school not made by seed-load.
        Usage: seed-load --schools N --classes C --students S --parents P --password <password> --out people.json [--token-hours H]
          --classes    classes per school (a class teacher each)     --students  students per class (29: a class chat of 30)
          --parents    parents per class, each linked to one child (29: one per student, 58: two)
        """;

    /// <summary>seed-load --schools N --classes C --students S --parents P --password X --out file.json</summary>
    public static async Task<int> RunCliAsync(IServiceProvider services, string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Arg(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var output = Arg("--out");
        var password = Arg("--password");
        var options = new SeedOptions(Number("--schools", 1), Number("--classes", 10), Number("--students", 29), Number("--parents", 29), password ?? "",
            Arg("--token-hours") is null ? null : TimeSpan.FromHours(Number("--token-hours", 1)));
        if (output is null || !People.Accounts.IsStrongPassword(password) || options.Schools < 1 || options.Classes < 1 || options.Students < 1)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var time = Stopwatch.StartNew();
        var result = await RunAsync(services, options);
        if (result is null)
        {
            await Console.Error.WriteLineAsync("Refused: this database holds schools not made by seed-load. It is for load tests on a database of their own.");
            return 1;
        }
        await using (var file = File.Create(output))
            await JsonSerializer.SerializeAsync(file, result, JsonOptions);
        Console.WriteLine($"seed-load: {result.Schools.Count} schools, {result.Schools.Sum(s => s.People.Count)} people in {time.Elapsed.TotalSeconds:F1} s, written to {output}");
        return 0;
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Seeds the schools; null (and nothing written) when the database holds a school seed-load did not make.</summary>
    public static async Task<SeedResult?> RunAsync(IServiceProvider services, SeedOptions options)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var bearer = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var lifetime = options.TokenLifetime ?? bearer.BearerTokenExpiration;
        // A fresh database has no key yet: it must be created (and stored) before a school's transaction holds the lock.
        services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("seed-load").Protect([1]);
        int first;
        string hash;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
            if (await db.Schools.IgnoreQueryFilters().AnyAsync(s => !s.FullName.StartsWith(NamePrefix))) return null;
            first = await db.Schools.IgnoreQueryFilters().CountAsync() + 1;
            // One hash for everyone: hashing is deliberately slow, and the password still works for a sign-in storm.
            hash = scope.ServiceProvider.GetRequiredService<UserManager<Account>>().PasswordHasher.HashPassword(new Account(), options.Password);
        }
        var schools = new List<SeedSchool>();
        for (var n = first; n < first + options.Schools; n++)
        {
            // A scope (and a context) per school: the change tracker stays small and each school is one transaction.
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
            var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Account>>();
            var roster = SeedRoster.Build(n, options, hash, clock.GetUtcNow(), Classes.SchoolYear.Current(clock));
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync();
            roster.AddTo(db);
            var people = new List<SeedPerson>();
            var now = clock.GetUtcNow();
            var minting = Stopwatch.StartNew();
            foreach (var (account, role, classId) in roster.People)
            {
                var session = new AuthSession { Id = Guid.CreateVersion7(), AccountId = account.Id, CreatedAt = now };
                db.AuthSessions.Add(session);
                people.Add(new SeedPerson(account.Id, account.UserName!, role, classId, await TokenAsync(factory, bearer, account, session.Id, now, lifetime)));
            }
            // Saving the memberships runs the roster reconciliation (RosterSyncInterceptor → ChatRoster) in this
            // transaction: it finds the automatic chats and members already as it wants them, or puts them right.
            minting.Stop();
            var saving = Stopwatch.StartNew();
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            Console.WriteLine($"seed-load: school {n}: {people.Count} people, tokens minted in {minting.Elapsed.TotalSeconds:F1} s, saved in {saving.Elapsed.TotalSeconds:F1} s");
            schools.Add(roster.Describe(people));
        }
        return new SeedResult(options.Password, clock.GetUtcNow() + lifetime, schools);
    }

    /// <summary>What <c>SessionSignInManager</c> and the bearer handler produce for a password sign-in with tokens.</summary>
    private static async Task<string> TokenAsync(
        IUserClaimsPrincipalFactory<Account> factory, BearerTokenOptions bearer, Account account, Guid session, DateTimeOffset now, TimeSpan lifetime)
    {
        var principal = await factory.CreateAsync(account);
        principal.Identities.First().AddClaims(Sessions.Claims(session, 0));
        var properties = new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now + lifetime };
        return bearer.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken"));
    }
}
