using System.Net;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class MessageFeatureTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static Task<HttpResponseMessage> Send(SchoolCast cast, Person who, Guid chatId, SendMessageRequest request) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), request);

    private static SendMessageRequest Text(string text) => new(Guid.NewGuid().ToString(), text);

    [Fact]
    public async Task Reactions_and_pins_are_pushed_as_the_updated_message()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var sent = await Send(cast, cast.ClassTeacher, chat.Id, Text("Экскурсия в пятницу")).Read<MessageResponse>(HttpStatusCode.Created);
        await using var hub = await HubProbe.ConnectAsync(app, cast.Classmate);

        var url = cast.School.Url($"/chats/{chat.Id}/messages/{sent.Id}");
        await cast.Student.Client.PutAsync($"{url}/reactions/👍", null).Expect(HttpStatusCode.OK);
        await cast.Student.Client.PutAsync($"{url}/reactions/👍", null).Expect(HttpStatusCode.OK); // twice is still one
        await cast.Classmate.Client.PutAsync($"{url}/reactions/🎉", null).Expect(HttpStatusCode.OK);
        await cast.Student.Client.PutAsync($"{url}/reactions/💩", null).Expect(HttpStatusCode.BadRequest);
        await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageUpdated));
        var pushed = await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageUpdated));
        var fetched = Assert.Single((await cast.Classmate.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"))).Items);
        Http.SameJson(fetched, pushed.Message);
        Assert.Equal([("👍", cast.Student.AccountId), ("🎉", cast.Classmate.AccountId)], fetched.Reactions.Select(r => (r.Emoji, r.AccountId)));
        await cast.Student.Client.DeleteAsync($"{url}/reactions/👍").Expect(HttpStatusCode.OK);
        Assert.Single((await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageUpdated))).Message.Reactions);

        await cast.Student.Client.PutAsync($"{url}/pin", null).Expect(HttpStatusCode.Forbidden);
        await cast.ClassTeacher.Client.PutAsync($"{url}/pin", null).Expect(HttpStatusCode.OK);
        Assert.True((await hub.NextAsync<MessageEvent>(nameof(IChatClient.MessageUpdated))).Message.Pinned);
        var pins = await cast.Student.Client.GetJson<List<MessageResponse>>(cast.School.Url($"/chats/{chat.Id}/pins"));
        Assert.Equal(sent.Id, Assert.Single(pins).Id);
    }

    [Fact]
    public async Task Mentions_name_members_and_only_moderators_mention_everyone()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var mention = await Send(cast, cast.Student, chat.Id, Text("@Пётр, ты где?") with { Mentions = [cast.Classmate.AccountId] })
            .Read<MessageResponse>(HttpStatusCode.Created);
        Assert.Equal([cast.Classmate.AccountId], mention.Mentions);
        await Send(cast, cast.Student, chat.Id, Text("@все сюда") with { MentionAll = true }).Expect(HttpStatusCode.Forbidden);
        await Send(cast, cast.Student, chat.Id, Text("@чужой") with { Mentions = [cast.OtherStudent.AccountId] }).Expect(HttpStatusCode.BadRequest);
        var all = await Send(cast, cast.ClassTeacher, chat.Id, Text("@все завтра в 8:00") with { MentionAll = true }).Read<MessageResponse>(HttpStatusCode.Created);
        Assert.True(all.MentionsAll);
    }

    [Fact]
    public async Task A_message_is_forwarded_only_from_a_chat_the_sender_is_in_into_one_they_may_post_in()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        var parents = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents, "5А");
        var original = await Send(cast, cast.ClassTeacher, classChat.Id, Text("Принести форму для физкультуры")).Read<MessageResponse>(HttpStatusCode.Created);

        var forwarded = await Send(cast, cast.ClassTeacher, parents.Id, Text(original.Text) with { ForwardedFromId = original.Id })
            .Read<MessageResponse>(HttpStatusCode.Created);
        Assert.Equal(cast.ClassTeacher.DisplayName, forwarded.ForwardedFrom?.SenderName);
        var reply = await Send(cast, cast.Student, classChat.Id, Text("А кеды нужны?") with { ReplyToId = original.Id }).Read<MessageResponse>(HttpStatusCode.Created);
        Assert.Equal((original.Id, original.Seq, cast.ClassTeacher.DisplayName, original.Text), (reply.ReplyTo?.Id, reply.ReplyTo?.Seq, reply.ReplyTo?.SenderName, reply.ReplyTo?.Text));
        await Send(cast, cast.Student, classChat.Id, Text("ответ не туда") with { ReplyToId = forwarded.Id }).Expect(HttpStatusCode.BadRequest);
        // A parent is not in the class chat and cannot forward from it.
        await Send(cast, cast.Parent, parents.Id, Text("переслать") with { ForwardedFromId = original.Id }).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Please_confirm_announcements_show_who_confirmed_and_remind_the_rest()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var parents = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Parents, "5А");
        await Send(cast, cast.Parent, parents.Id, Text("подтвердите") with { RequiresConfirmation = true }).Expect(HttpStatusCode.Forbidden);
        var notice = await Send(cast, cast.ClassTeacher, parents.Id, Text("Родительское собрание в четверг в 18:00") with { RequiresConfirmation = true })
            .Read<MessageResponse>(HttpStatusCode.Created);
        var url = cast.School.Url($"/chats/{parents.Id}/messages/{notice.Id}");

        await cast.Parent.Client.PostJsonAsync($"{url}/confirm").Expect(HttpStatusCode.OK);
        var status = await cast.ClassTeacher.Client.GetJson<ConfirmationsResponse>($"{url}/confirmations");
        Assert.Equal([cast.Parent.AccountId], status.Confirmed.Select(p => p.AccountId));
        Assert.Equal([cast.OtherParent.AccountId], status.Pending.Select(p => p.AccountId));
        await cast.Parent.Client.GetAsync($"{url}/confirmations").Expect(HttpStatusCode.Forbidden);

        await using var confirmedHub = await HubProbe.ConnectAsync(app, cast.Parent);
        await using var pendingHub = await HubProbe.ConnectAsync(app, cast.OtherParent);
        await cast.ClassTeacher.Client.PostJsonAsync($"{url}/remind").Expect(HttpStatusCode.OK);
        var reminder = await pendingHub.NextAsync<MessageEvent>(nameof(IChatClient.ConfirmationRequested));
        Assert.Equal((notice.Id, 1), (reminder.Message.Id, reminder.Message.ConfirmedCount));
        // The parent who confirmed is not reminded: the next thing they hear is a new message, not the reminder.
        await Send(cast, cast.ClassTeacher, parents.Id, Text("Спасибо!")).Expect(HttpStatusCode.Created);
        Assert.Equal("Спасибо!", (await confirmedHub.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Text);
    }
}
