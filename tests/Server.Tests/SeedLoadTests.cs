using System.Net;
using System.Net.Http.Headers;
using Sfera.Chats;
using Sfera.Data;
using Sfera.LoadTest;
using Sfera.People;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>The load-test seeding path (bench/): its minted tokens are real sessions and its chats are the roster's.</summary>
public sealed class SeedLoadTests : IAsyncLifetime
{
    // A database of its own: seed-load refuses one that holds schools it did not make.
    private readonly SferaApp app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Seeded_people_are_signed_in_and_their_class_chat_has_thirty_members()
    {
        _ = app.Server;
        var seeded = await SeedLoad.RunAsync(app.Services, new SeedOptions(Schools: 1, Classes: 2, Students: 29, Parents: 29, Password: "Seed-password-1"));
        var school = Assert.Single(Assert.IsType<SeedResult>(seeded).Schools);
        Assert.Equal(1 + 2 * (1 + 29 + 29), school.People.Count);
        var student = school.People.First(p => p.Role == Role.Student);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);

        var me = await client.GetJson<MeResponse>("/api/v1/me");
        Assert.Equal(student.AccountId, me.Id);
        var classChat = school.Classes.Single(c => c.Id == student.ClassId).ClassChatId;
        var detail = await client.GetJson<ChatDetailResponse>($"/api/v1/schools/{school.Id}/chats/{classChat}");
        Assert.Equal(30, detail.Members.Count);
        Assert.Equal(ChatRole.Owner, detail.Members.Single(m => m.AccountId == school.People.Single(p => p.Role == Role.Teacher && p.ClassId == student.ClassId).AccountId).Role);

        // The password is real too, and a school the seed did not make stops any further seeding.
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new { login = student.Login, password = "Seed-password-1", useTokens = true }).Expect(HttpStatusCode.OK);
        await SchoolCast.CreateAsync(app);
        Assert.Null(await SeedLoad.RunAsync(app.Services, new SeedOptions(1, 1, 29, 0, "Seed-password-1")));
    }
}
