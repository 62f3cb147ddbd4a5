using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Polls;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class PollTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static async Task<(Guid ChatId, MessageResponse Message)> PollAsync(SchoolCast cast, Person author, ChatKind kind, PollRequest poll, string question = "Когда собрание?")
    {
        var chat = await cast.ChatAsync(author, kind, kind is ChatKind.Class or ChatKind.Parents ? "5А" : null);
        var message = await author.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), question, Poll: poll))
            .Read<MessageResponse>(HttpStatusCode.Created);
        return (chat.Id, message);
    }

    private static string PollUrl(SchoolCast cast, Guid chatId, MessageResponse message, string rest = "") =>
        cast.School.Url($"/chats/{chatId}/messages/{message.Id}/poll{rest}");

    private static Task<HttpResponseMessage> Vote(SchoolCast cast, Person who, Guid chatId, MessageResponse message, params Guid[] options) =>
        who.Client.PutJsonAsync(PollUrl(cast, chatId, message, "/vote"), new VoteRequest([.. options]));

    [Fact]
    public async Task A_single_choice_poll_counts_votes_revotes_and_retractions()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var (chatId, message) = await PollAsync(cast, cast.ClassTeacher, ChatKind.Parents, new PollRequest(["Вторник", "Четверг", "Суббота"]));
        var poll = message.Poll!;
        Assert.Equal(("Когда собрание?", false, false, 0), (poll.Question, poll.Multiple, poll.Anonymous, poll.VoterCount));
        var (tue, thu) = (poll.Options[0].Id, poll.Options[1].Id);

        var mine = await Vote(cast, cast.Parent, chatId, message, tue).Read<PollResponse>();
        Assert.Equal([tue], mine.MyChoice);
        await Vote(cast, cast.OtherParent, chatId, message, tue).Expect(HttpStatusCode.OK);
        var twoVotes = await cast.ClassTeacher.Client.GetJson<PollResponse>(PollUrl(cast, chatId, message));
        Assert.Equal([2, 0, 0], twoVotes.Options.Select(o => o.Votes));
        Assert.Empty(twoVotes.MyChoice!);

        // Changing one's mind moves the vote; it does not add one.
        var changed = await Vote(cast, cast.Parent, chatId, message, thu).Read<PollResponse>();
        Assert.Equal([1, 1, 0], changed.Options.Select(o => o.Votes));
        Assert.Equal(2, changed.VoterCount);
        Assert.Equal(["Ольга Сидорова"], changed.Options[1].Voters!.Select(v => v.DisplayName));

        var both = await Vote(cast, cast.Parent, chatId, message, tue, thu).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["optionIds"], both.Fields());
        await Vote(cast, cast.Parent, chatId, message, Guid.NewGuid()).Expect(HttpStatusCode.BadRequest);

        var retracted = await cast.Parent.Client.DeleteAsync(PollUrl(cast, chatId, message, "/vote")).Read<PollResponse>();
        Assert.Equal([1, 0, 0], retracted.Options.Select(o => o.Votes));
        Assert.Equal(1, retracted.VoterCount);
        Assert.Empty(retracted.MyChoice!);
    }

    [Fact]
    public async Task A_multiple_choice_poll_counts_each_option_and_each_voter_once()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var (chatId, message) = await PollAsync(cast, cast.ClassTeacher, ChatKind.Class, new PollRequest(["Музей", "Театр", "Парк"], Multiple: true), "Куда поедем?");
        var options = message.Poll!.Options.Select(o => o.Id).ToArray();
        await Vote(cast, cast.Student, chatId, message, options[0], options[2]).Expect(HttpStatusCode.OK);
        var results = await Vote(cast, cast.Classmate, chatId, message, options[2]).Read<PollResponse>();
        Assert.Equal([1, 0, 2], results.Options.Select(o => o.Votes));
        Assert.Equal(2, results.VoterCount);
    }

    [Fact]
    public async Task A_deadline_closes_the_poll_and_the_author_or_a_moderator_may_close_it_early()
    {
        var cast = await SchoolCast.CreateAsync(app);
        await using var app2 = new SferaApp();
        var clockCast = await SchoolCast.CreateAsync(app2);
        var (chatId, message) = await PollAsync(clockCast, clockCast.ClassTeacher, ChatKind.Parents,
            new PollRequest(["Да", "Нет"], ClosesAt: app2.Clock.GetUtcNow().AddMinutes(10)));
        var yes = message.Poll!.Options[0].Id;
        await Vote(clockCast, clockCast.Parent, chatId, message, yes).Expect(HttpStatusCode.OK);
        app2.Clock.Advance(TimeSpan.FromMinutes(11));
        var late = await Vote(clockCast, clockCast.OtherParent, chatId, message, yes).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Опрос завершён.", late.GetProperty("title").GetString());
        await clockCast.Parent.Client.DeleteAsync(PollUrl(clockCast, chatId, message, "/vote")).Expect(HttpStatusCode.Conflict);
        var closed = await clockCast.OtherParent.Client.GetJson<PollResponse>(PollUrl(clockCast, chatId, message));
        Assert.True(closed.Closed);
        Assert.Equal(1, closed.Options[0].Votes);
        var history = await clockCast.OtherParent.Client.GetJson<MessagePageResponse>(clockCast.School.Url($"/chats/{chatId}/messages"));
        Assert.True(history.Items.Single(m => m.Id == message.Id).Poll!.Closed);

        // Closing early: not by a member, by the author; a moderator may too.
        var (chat2, poll2) = await PollAsync(cast, cast.Student, ChatKind.Class, new PollRequest(["Да", "Нет"]), "Идём в кино?");
        await cast.Classmate.Client.PostAsync(PollUrl(cast, chat2, poll2, "/close"), null).Expect(HttpStatusCode.Forbidden);
        var closedByTeacher = await cast.ClassTeacher.Client.PostAsync(PollUrl(cast, chat2, poll2, "/close"), null).Read<PollResponse>();
        Assert.True(closedByTeacher.Closed);
        await Vote(cast, cast.Classmate, chat2, poll2, poll2.Poll!.Options[0].Id).Expect(HttpStatusCode.Conflict);
        var (chat3, poll3) = await PollAsync(cast, cast.Student, ChatKind.Class, new PollRequest(["Да", "Нет"]), "А в театр?");
        Assert.True((await cast.Student.Client.PostAsync(PollUrl(cast, chat3, poll3, "/close"), null).Read<PollResponse>()).Closed);
        await cast.Student.Client.PatchJsonAsync(cast.School.Url($"/chats/{chat3}/messages/{poll3.Id}"), new EditMessageRequest("Другой вопрос"))
            .Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_polls_are_refused_field_by_field()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        async Task<string[]> Refused(string text, PollRequest poll, List<Guid>? attachments = null) =>
            (await cast.ClassTeacher.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages"),
                new SendMessageRequest(Guid.NewGuid().ToString(), text, Attachments: attachments, Poll: poll)).Problem(HttpStatusCode.BadRequest)).Fields();
        Assert.Equal(["poll.options"], await Refused("Вопрос?", new PollRequest(["Один"])));
        Assert.Equal(["poll.options"], await Refused("Вопрос?", new PollRequest([.. Enumerable.Range(1, 11).Select(i => $"Вариант {i}")])));
        Assert.Equal(["poll.options"], await Refused("Вопрос?", new PollRequest(["Да", "да"])));
        Assert.Equal(["poll.options"], await Refused("Вопрос?", new PollRequest(["Да", " "])));
        Assert.Equal(["poll.closesAt"], await Refused("Вопрос?", new PollRequest(["Да", "Нет"], ClosesAt: app.Clock.GetUtcNow().AddMinutes(-1))));
        Assert.Equal(["text"], await Refused(" ", new PollRequest(["Да", "Нет"])));
        Assert.Equal(["attachments"], await Refused("Вопрос?", new PollRequest(["Да", "Нет"]), [Guid.NewGuid()]));
        var history = await cast.ClassTeacher.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"));
        Assert.Empty(history.Items);
    }

    [Fact]
    public async Task Results_move_live_and_the_voter_alone_learns_their_choice()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var (chatId, message) = await PollAsync(cast, cast.ClassTeacher, ChatKind.Parents, new PollRequest(["Да", "Нет"]));
        await using var teacher = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        await using var voter = await HubProbe.ConnectAsync(app, cast.Parent);
        await Vote(cast, cast.Parent, chatId, message, message.Poll!.Options[1].Id).Expect(HttpStatusCode.OK);

        var pushed = await teacher.NextAsync<PollEvent>(nameof(IChatClient.PollUpdated));
        Assert.Equal(chatId, pushed.ChatId);
        Assert.Equal([0, 1], pushed.Poll.Options.Select(o => o.Votes));
        Assert.Null(pushed.Poll.MyChoice);
        var own = await voter.NextAsync<PollEvent>(nameof(IChatClient.PollUpdated));
        Assert.Equal([message.Poll.Options[1].Id], own.Poll.MyChoice);
        Http.SameJson(await cast.ClassTeacher.Client.GetJson<PollResponse>(PollUrl(cast, chatId, message)) with { MyChoice = null }, pushed.Poll);
    }

    [Fact]
    public async Task Nobody_learns_who_voted_in_an_anonymous_poll_through_any_endpoint_event_or_export()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var (chatId, message) = await PollAsync(cast, cast.Admin, ChatKind.Staff, new PollRequest(["Да", "Нет"], Anonymous: true), "Доверяете ли вы администрации?");
        var (yes, no) = (message.Poll!.Options[0].Id, message.Poll.Options[1].Id);
        await using var adminHub = await HubProbe.ConnectAsync(app, cast.Admin);
        var voters = new[] { cast.ClassTeacher, cast.SubjectTeacher };
        var auditBefore = await cast.Admin.Client.GetStringAsync(cast.School.Url("/audit"));

        await Vote(cast, cast.ClassTeacher, chatId, message, no).Expect(HttpStatusCode.OK);
        await Vote(cast, cast.SubjectTeacher, chatId, message, yes).Expect(HttpStatusCode.OK);
        await Vote(cast, cast.SubjectTeacher, chatId, message, no).Expect(HttpStatusCode.OK); // a changed vote

        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
            seen.Add(JsonSerializer.Serialize(await adminHub.NextOfAsync<PollEvent>(nameof(IChatClient.PollUpdated)), Http.Json));
        var admin = cast.Admin.Client;
        var results = await admin.GetJson<PollResponse>(PollUrl(cast, chatId, message));
        Assert.Equal([0, 2], results.Options.Select(o => o.Votes));
        Assert.All(results.Options, o => Assert.Null(o.Voters));
        seen.Add(JsonSerializer.Serialize(results, Http.Json));
        seen.Add(await admin.GetStringAsync(cast.School.Url($"/chats/{chatId}/messages")));
        seen.Add(await admin.GetStringAsync(cast.School.Url($"/chats/{chatId}/messages?changedSince=0")));
        seen.Add(await admin.GetStringAsync(cast.School.Url("/chats")));
        seen.Add(await admin.GetStringAsync(cast.School.Url($"/chats/{chatId}/messages/{message.Id}/receipts")));
        var search = await admin.GetStringAsync(cast.School.Url("/search?q=" + Uri.EscapeDataString("администрации")));
        Assert.Contains(message.Id.ToString(), search, StringComparison.Ordinal); // so the check below looks at something
        seen.Add(search);
        Assert.Equal(auditBefore, await admin.GetStringAsync(cast.School.Url("/audit"))); // voting leaves no trace there
        var csv = await admin.GetStringAsync(PollUrl(cast, chatId, message, "/export"));
        Assert.Contains("Нет,2", csv, StringComparison.Ordinal);
        seen.Add(csv);
        // The voters' own view: their choice, and still nobody else's.
        var teacherView = await cast.ClassTeacher.Client.GetJson<PollResponse>(PollUrl(cast, chatId, message));
        Assert.Equal([no], teacherView.MyChoice);
        seen.Add(JsonSerializer.Serialize(teacherView with { MyChoice = null }, Http.Json));

        foreach (var text in seen)
            foreach (var voter in voters)
            {
                Assert.DoesNotContain(voter.AccountId.ToString(), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(voter.DisplayName, text, StringComparison.Ordinal);
            }

        // Nor does the database: no voter id, no time.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        var rows = db.PollVotes.Where(v => v.PollId == message.Poll.Id).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.VoterId is null && r.VotedAt is null));
        Assert.All(rows, r => Assert.NotEqual(7, r.Id.Version));
    }

    [Fact]
    public async Task A_named_poll_exports_who_chose_what_and_outsiders_see_nothing()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var (chatId, message) = await PollAsync(cast, cast.ClassTeacher, ChatKind.Parents, new PollRequest(["=Да", "Нет"]), "Поедете с классом?");
        await Vote(cast, cast.Parent, chatId, message, message.Poll!.Options[0].Id).Expect(HttpStatusCode.OK);
        var csv = await cast.ClassTeacher.Client.GetStringAsync(PollUrl(cast, chatId, message, "/export"));
        Assert.Equal(["Вариант,Голосов,Проголосовали", "'=Да,1,Ольга Сидорова", "Нет,0,"], csv.TrimStart('\uFEFF').TrimEnd().Split("\r\n"));

        var outsider = await Cast.CreateSchoolAsync(app);
        foreach (var who in new[] { cast.Student, cast.OtherStudent })
        {
            await who.Client.GetAsync(PollUrl(cast, chatId, message)).Expect(HttpStatusCode.NotFound);
            await Vote(cast, who, chatId, message, message.Poll.Options[1].Id).Expect(HttpStatusCode.NotFound);
            await who.Client.GetAsync(PollUrl(cast, chatId, message, "/export")).Expect(HttpStatusCode.NotFound);
        }
        await outsider.Admin.Client.GetAsync(outsider.Url($"/chats/{chatId}/messages/{message.Id}/poll")).Expect(HttpStatusCode.NotFound);
        var after = await cast.ClassTeacher.Client.GetJson<PollResponse>(PollUrl(cast, chatId, message));
        Assert.Equal([1, 0], after.Options.Select(o => o.Votes));
    }
}
