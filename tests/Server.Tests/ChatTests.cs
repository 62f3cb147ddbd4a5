using System.Net;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.People;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class ChatTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static Task<HttpResponseMessage> Send(SchoolCast cast, Person who, Guid chatId, string text, string? clientId = null) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(clientId ?? Guid.NewGuid().ToString(), text));

    [Fact]
    public async Task Automatic_chats_hold_exactly_the_people_the_roster_says()
    {
        var cast = await SchoolCast.CreateAsync(app);
        async Task<HashSet<Guid>> Members(ChatKind kind)
        {
            var chat = await cast.ChatAsync(cast.Admin, kind, kind is ChatKind.Staff or ChatKind.Announcements ? null : "5А")
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
            var viewer = chat is null ? cast.ClassTeacher : cast.Admin;
            var summary = chat ?? await cast.ChatAsync(viewer, kind, "5А");
            var detail = await viewer.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{summary.Id}"));
            return detail.Members.Select(m => m.AccountId).ToHashSet();
        }
        Assert.Equal(new[] { cast.ClassTeacher, cast.SubjectTeacher, cast.Student, cast.Classmate }.Select(p => p.AccountId).ToHashSet(), await Members(ChatKind.Class));
        Assert.Equal(new[] { cast.ClassTeacher, cast.Parent, cast.OtherParent }.Select(p => p.AccountId).ToHashSet(), await Members(ChatKind.Parents));
        Assert.Equal(new[] { cast.Admin, cast.ClassTeacher, cast.SubjectTeacher, cast.Staff }.Select(p => p.AccountId).ToHashSet(), await Members(ChatKind.Staff));
        Assert.Equal(9, (await Members(ChatKind.Announcements)).Count); // the whole cast

        // Announcements: everyone reads, staff who teach or administer post.
        var announcements = await cast.ChatAsync(cast.Student, ChatKind.Announcements);
        Assert.False(announcements.CanPost);
        await Send(cast, cast.Student, announcements.Id, "Ура, каникулы!").Expect(HttpStatusCode.Forbidden);
        await Send(cast, cast.ClassTeacher, announcements.Id, "Завтра сокращённые уроки").Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_message_sent_by_the_teacher_reaches_the_student_live_and_the_read_receipt_comes_back()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await using var teacherHub = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        await using var studentHub = await HubProbe.ConnectAsync(app, cast.Student);

        var sent = await Send(cast, cast.ClassTeacher, chat.Id, "Завтра контрольная по математике").Read<MessageResponse>(HttpStatusCode.Created);
        var pushed = await studentHub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated));
        var fetched = await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"));
        Http.SameJson(Assert.Single(fetched.Items), pushed.Message);
        Http.SameJson(sent, pushed.Message);
        Assert.Equal(1, (await cast.ChatAsync(cast.Student, ChatKind.Class, "5А")).UnreadCount);
        Http.SameJson(pushed.Message, (await teacherHub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message);

        await cast.Student.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/read"), new ReadRequest(sent.Seq)).Expect(HttpStatusCode.NoContent);
        var read = await teacherHub.NextAsync<ReadEvent>(nameof(IChatClient.ReadUpdated));
        Assert.Equal((cast.Student.AccountId, sent.Seq), (read.AccountId, read.LastReadSeq));
        var receipts = await cast.ClassTeacher.Client.GetJson<ReceiptsResponse>(cast.School.Url($"/chats/{chat.Id}/messages/{sent.Id}/receipts"));
        Assert.Equal((1, 3), (receipts.ReadCount, receipts.MemberCount));
        Assert.Equal(cast.Student.AccountId, Assert.Single(receipts.ReadBy).AccountId);
        Assert.Equal(0, (await cast.ChatAsync(cast.Student, ChatKind.Class, "5А")).UnreadCount);
        // The student's own other tabs hear of the read too.
        Assert.Equal(sent.Seq, (await studentHub.NextOfAsync<ReadEvent>(nameof(IChatClient.ReadUpdated))).LastReadSeq);
    }

    [Fact]
    public async Task A_chat_says_how_far_the_others_have_read_so_my_messages_can_show_read()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var first = await Send(cast, cast.ClassTeacher, chat.Id, "Первое").Read<MessageResponse>(HttpStatusCode.Created);
        var second = await Send(cast, cast.ClassTeacher, chat.Id, "Второе").Read<MessageResponse>(HttpStatusCode.Created);
        // My own sending moves my read mark, not the others'.
        Assert.Equal(0, (await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А")).OthersReadSeq);

        await cast.Student.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/read"), new ReadRequest(first.Seq)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(first.Seq, (await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А")).OthersReadSeq);
        // The furthest of them counts: one member who has read is enough for "read" in a group.
        await cast.Classmate.Client.PostJsonAsync(cast.School.Url($"/chats/{chat.Id}/read"), new ReadRequest(second.Seq)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(second.Seq, (await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А")).OthersReadSeq);
        // The student's summary counts the teacher and the classmate, not the student.
        Assert.Equal(second.Seq, (await cast.ChatAsync(cast.Student, ChatKind.Class, "5А")).OthersReadSeq);
    }

    [Fact]
    public async Task Edits_deletions_and_typing_are_pushed_as_a_fresh_get_shows_them()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await using var studentHub = await HubProbe.ConnectAsync(app, cast.Student);
        await using var teacherHub = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        var sent = await Send(cast, cast.ClassTeacher, chat.Id, "Контрольная в пятницу").Read<MessageResponse>(HttpStatusCode.Created);
        await studentHub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated));

        await cast.ClassTeacher.Client.PatchJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages/{sent.Id}"), new EditMessageRequest("Контрольная в четверг"))
            .Expect(HttpStatusCode.OK);
        var edited = await studentHub.NextAsync<MessageEvent>(nameof(IChatClient.MessageUpdated));
        var page = await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"));
        Http.SameJson(Assert.Single(page.Items), edited.Message);
        Assert.Equal("Контрольная в четверг", edited.Message.Text);
        Assert.NotNull(edited.Message.EditedAt);
        await cast.Student.Client.PatchJsonAsync(cast.School.Url($"/chats/{chat.Id}/messages/{sent.Id}"), new EditMessageRequest("Нет контрольной"))
            .Expect(HttpStatusCode.Forbidden);

        await teacherHub.TypingAsync(cast.School.Id, chat.Id);
        var typing = await studentHub.NextAsync<TypingEvent>(nameof(IChatClient.Typing));
        Assert.Equal((chat.Id, cast.ClassTeacher.AccountId), (typing.ChatId, typing.AccountId));

        await cast.ClassTeacher.Client.DeleteAsync(cast.School.Url($"/chats/{chat.Id}/messages/{sent.Id}")).Expect(HttpStatusCode.NoContent);
        var deleted = await studentHub.NextAsync<MessageDeletedEvent>(nameof(IChatClient.MessageDeleted));
        Assert.Equal((sent.Id, sent.Seq), (deleted.MessageId, deleted.Seq));
        var after = Assert.Single((await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"))).Items);
        Assert.True(after.Deleted);
        Assert.Equal("", after.Text);
    }

    [Fact]
    public async Task History_pages_say_whether_there_is_more_before_and_after()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        for (var i = 1; i <= 7; i++) await Send(cast, cast.ClassTeacher, chat.Id, $"Сообщение {i}").Expect(HttpStatusCode.Created);
        async Task<(string Seqs, bool Before, bool After)> Page(string query)
        {
            var page = await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages?limit=3{query}"));
            return (string.Join(" ", page.Items.Select(m => m.Seq)), page.HasMoreBefore, page.HasMoreAfter);
        }

        Assert.Equal(("5 6 7", true, false), await Page(""));
        Assert.Equal(("2 3 4", true, true), await Page("&before=5"));
        Assert.Equal(("1", false, true), await Page("&before=2"));
        Assert.Equal(("", false, false), await Page("&before=1"));
        Assert.Equal(("3 4 5", true, true), await Page("&after=2"));
        Assert.Equal(("6 7", true, false), await Page("&after=5"));
        Assert.Equal(("", false, false), await Page("&after=7"));
        Assert.Equal(("1 2 3", false, true), await Page("&around=2"));
    }

    [Fact]
    public async Task A_retried_send_and_concurrent_sends_with_one_client_id_store_one_message()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var first = await Send(cast, cast.ClassTeacher, chat.Id, "Один раз", "retry-1").Read<MessageResponse>(HttpStatusCode.Created);
        var retry = await Send(cast, cast.ClassTeacher, chat.Id, "Один раз", "retry-1").Read<MessageResponse>(HttpStatusCode.OK);
        Http.SameJson(first, retry);

        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Send(cast, cast.ClassTeacher, chat.Id, "Гонка", "race-1")));
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        var page = await cast.ClassTeacher.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"));
        Assert.Equal(["Один раз", "Гонка"], page.Items.Select(m => m.Text));
        Assert.Equal([1L, 2L], page.Items.Select(m => m.Seq));
    }

    [Fact]
    public async Task Many_senders_at_once_in_two_chats_store_every_message_once_numbered_in_order_and_read_by_its_sender()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var parentsChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents, "5А");
        Person[] inClass = [cast.ClassTeacher, cast.SubjectTeacher, cast.Student, cast.Classmate];
        Person[] inParents = [cast.Parent, cast.OtherParent];
        // Everyone at once (so the writer takes them in shared transactions), each person's five one after another.
        async Task Burst(Person who, Guid chatId, string chat)
        {
            for (var i = 1; i <= 5; i++) await Send(cast, who, chatId, $"{chat} {who.AccountId} {i}").Expect(HttpStatusCode.Created);
        }
        await Task.WhenAll(inClass.Select(p => Burst(p, classChat.Id, "class")).Concat(inParents.Select(p => Burst(p, parentsChat.Id, "parents"))));

        foreach (var (chatId, kind, people) in new[] { (classChat.Id, ChatKind.Class, inClass), (parentsChat.Id, ChatKind.Parents, inParents) })
        {
            var items = (await cast.ClassTeacher.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chatId}/messages?limit=100"))).Items;
            Assert.Equal(Enumerable.Range(1, items.Count).Select(n => (long)n), items.Select(m => m.Seq));
            Assert.Equal(people.Length * 5, items.Count);
            foreach (var who in people)
            {
                var own = items.Where(m => m.SenderId == who.AccountId).ToList();
                Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{(kind == ChatKind.Class ? "class" : "parents")} {who.AccountId} {i}"), own.Select(m => m.Text));
                // One's own messages are read: what is left unread is what others sent after one's last.
                var summary = await cast.ChatAsync(who, kind, "5А");
                Assert.Equal(own[^1].Seq, summary.LastReadSeq);
                Assert.Equal(items.Count(m => m.Seq > own[^1].Seq), summary.UnreadCount);
            }
        }
    }

    [Fact]
    public async Task A_client_that_reconnects_gets_exactly_what_it_missed_in_order()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var hub = await HubProbe.ConnectAsync(app, cast.Student);
        await Send(cast, cast.ClassTeacher, chat.Id, "первое").Expect(HttpStatusCode.Created);
        var seen = (await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Seq;
        await hub.DisposeAsync();

        foreach (var text in new[] { "второе", "третье", "четвёртое" })
            await Send(cast, cast.ClassTeacher, chat.Id, text).Expect(HttpStatusCode.Created);

        await using var again = await HubProbe.ConnectAsync(app, cast.Student);
        var missed = await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages?after={seen}"));
        Assert.Equal(["второе", "третье", "четвёртое"], missed.Items.Select(m => m.Text));
        Assert.Equal([seen + 1, seen + 2, seen + 3], missed.Items.Select(m => m.Seq));
        Assert.False(missed.HasMoreAfter);
        await Send(cast, cast.ClassTeacher, chat.Id, "пятое").Expect(HttpStatusCode.Created);
        Assert.Equal(seen + 4, (await again.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Seq);
    }

    [Fact]
    public async Task A_client_that_was_away_gets_the_edits_deletions_and_reactions_it_missed_too()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var hub = await HubProbe.ConnectAsync(app, cast.Student);
        var first = await Send(cast, cast.ClassTeacher, chat.Id, "Контрольная в пятницу").Read<MessageResponse>(HttpStatusCode.Created);
        var second = await Send(cast, cast.ClassTeacher, chat.Id, "Возьмите линейки").Read<MessageResponse>(HttpStatusCode.Created);
        await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated));
        var seen = (await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Version;
        await hub.DisposeAsync();

        var url = cast.School.Url($"/chats/{chat.Id}/messages");
        await cast.ClassTeacher.Client.PatchJsonAsync($"{url}/{first.Id}", new EditMessageRequest("Контрольная в четверг")).Expect(HttpStatusCode.OK);
        await cast.ClassTeacher.Client.DeleteAsync($"{url}/{second.Id}").Expect(HttpStatusCode.NoContent);
        await cast.Classmate.Client.PutAsync($"{url}/{first.Id}/reactions/👍", null).Expect(HttpStatusCode.OK);
        await Send(cast, cast.ClassTeacher, chat.Id, "Новое").Expect(HttpStatusCode.Created);

        var changes = await cast.Student.Client.GetJson<MessagePageResponse>($"{url}?changedSince={seen}");
        // Each message once, at its latest state, in the order of its latest change.
        Assert.Equal([(second.Id, true, ""), (first.Id, false, "Контрольная в четверг"), (changes.Items[2].Id, false, "Новое")],
            changes.Items.Select(m => (m.Id, m.Deleted, m.Text)));
        Assert.Single(changes.Items[1].Reactions);
        Assert.True(changes.Items.Zip(changes.Items.Skip(1)).All(p => p.First.Version < p.Second.Version));
        Assert.Equal(changes.Items[^1].Version, (await cast.ChatAsync(cast.Student, ChatKind.Class, "5А")).LastVersion);
        Assert.Empty((await cast.Student.Client.GetJson<MessagePageResponse>($"{url}?changedSince={changes.Items[^1].Version}")).Items);
    }

    [Fact]
    public async Task Moving_a_student_to_another_class_stops_delivery_to_their_open_connection_at_once()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var class5A = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await using var hub = await HubProbe.ConnectAsync(app, cast.Student);

        await cast.Admin.Client.PatchJsonAsync(cast.School.Url($"/people/{cast.Student.MembershipId}"), new MovePersonRequest(cast.Class6B.Id))
            .Expect(HttpStatusCode.OK);
        var removed = await hub.NextOfAsync<ChatRemovedEvent>(nameof(IChatClient.ChatRemoved));
        Assert.Equal(class5A.Id, removed.ChatId);
        var added = await hub.NextOfAsync<ChatAddedEvent>(nameof(IChatClient.ChatAdded));
        var class6B = await cast.ChatAsync(cast.Student, ChatKind.Class, "6Б");
        Http.SameJson(class6B, added.Chat);
        Assert.DoesNotContain(await cast.Student.Client.GetJson<List<ChatSummaryResponse>>(cast.School.Url("/chats")), c => c.Id == class5A.Id);

        await Send(cast, cast.ClassTeacher, class5A.Id, "Только для 5А").Expect(HttpStatusCode.Created);
        await Send(cast, cast.Admin, class6B.Id, "Добро пожаловать в 6Б").Expect(HttpStatusCode.Created);
        // Events reach a connection in order: the next message it hears is 6Б's, never 5А's.
        var next = await hub.NextOfAsync<MessageEvent>(nameof(IChatClient.MessageCreated));
        Assert.Equal(class6B.Id, next.ChatId);
        await cast.Student.Client.GetAsync(cast.School.Url($"/chats/{class5A.Id}/messages")).Expect(HttpStatusCode.NotFound);

        // Removing a person from the school takes them out of every chat.
        await cast.Admin.Client.DeleteAsync(cast.School.Url($"/people/{cast.Classmate.MembershipId}")).Expect(HttpStatusCode.NoContent);
        var detail = await cast.ClassTeacher.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{class5A.Id}"));
        Assert.DoesNotContain(detail.Members, m => m.AccountId == cast.Classmate.AccountId);
    }

    [Fact]
    public async Task Names_and_text_are_stored_and_pushed_verbatim_never_as_markup()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        const string hostile = "<img src=x onerror=alert(1)><script>alert('x')</script> **жирный**";
        var sent = await Send(cast, cast.ClassTeacher, chat.Id, hostile).Read<MessageResponse>(HttpStatusCode.Created);
        Assert.Equal(hostile, sent.Text);
        var history = await cast.Student.Client.GetAsync(cast.School.Url($"/chats/{chat.Id}/messages"));
        Assert.Equal("application/json", history.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Text_over_4096_characters_is_refused_naming_the_field()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var problem = await Send(cast, cast.ClassTeacher, chat.Id, new string('а', 4097)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["text"], problem.Fields());
        await Send(cast, cast.ClassTeacher, chat.Id, new string('а', 4096)).Expect(HttpStatusCode.Created);
        Assert.Equal(1, (await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А")).LastSeq);
    }
}
