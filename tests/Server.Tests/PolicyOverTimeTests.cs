using System.Net;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Messages;
using Sfera.People;
using Sfera.Realtime;
using Sfera.Schools;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>The contact policy holds at every moment: a chat that the facts of today no longer allow turns read-only
/// (and, where a minor is in it, closes its history to the adults concerned), however it was allowed when it began.</summary>
public sealed class PolicyOverTimeTests
{
    private readonly SferaApp app = SferaApp.Shared;

    private static async Task<Guid> PersonalChatAsync(SchoolCast cast, Person from, Person to) =>
        (await from.Client.PostJsonAsync(cast.School.Url("/chats/personal"), new PersonalChatRequest(to.AccountId)).Read<ChatDetailResponse>(HttpStatusCode.Created)).Chat.Id;

    private static Task<HttpResponseMessage> SendAsync(SchoolCast cast, Person from, Guid chatId, string text) =>
        from.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text));

    private static async Task<ChatSummaryResponse> SummaryAsync(SchoolCast cast, Person who, Guid chatId) =>
        (await who.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chatId}"))).Chat;

    /// <summary>Both sides see the chat read-only with its reason, and neither may write in it any more.</summary>
    private static async Task AssertReadOnlyAsync(SchoolCast cast, Guid chatId, ChatRestriction reason, params Person[] people)
    {
        foreach (var person in people)
        {
            var summary = await SummaryAsync(cast, person, chatId);
            Assert.Equal((false, reason), (summary.CanPost, summary.Restriction));
            var refused = await SendAsync(cast, person, chatId, "ещё одно").Problem(HttpStatusCode.Forbidden);
            Assert.Equal(reason.ToString(), refused.GetProperty("restriction").GetString());
        }
    }

    private static async Task<List<string>> HistoryAsync(SchoolCast cast, Person who, Guid chatId) =>
        (await who.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chatId}/messages"))).Items.Select(m => m.Text).ToList();

    [Fact]
    public async Task An_unlinked_guardian_can_no_longer_write_to_the_child_or_read_their_chat()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.Student);
        await SendAsync(cast, cast.Parent, chatId, "Секретное слово подсолнух").Expect(HttpStatusCode.Created);
        var photo = await Files.UploadAsync(cast, cast.Student, "моя записка"u8.ToArray(), "записка.txt").Read<Sfera.Files.FileResponse>(HttpStatusCode.Created);
        await Files.PostAsync(cast, cast.Student, chatId, "Привет", photo.Id).Expect(HttpStatusCode.Created);
        await cast.Parent.Client.GetAsync(cast.School.Url($"/files/{photo.Id}/content")).Expect(HttpStatusCode.OK);

        var link = (await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people?role=Parent")))
            .Single(p => p.AccountId == cast.Parent.AccountId).Children.Single();
        await cast.Admin.Client.DeleteAsync(cast.School.Url($"/guardians/{link.LinkId}")).Expect(HttpStatusCode.NoContent);

        await AssertReadOnlyAsync(cast, chatId, ChatRestriction.ContactPolicy, cast.Parent, cast.Student);
        // The former guardian no longer reads the child's history, nor finds it by search or in the pins; the child still can.
        await cast.Parent.Client.GetAsync(cast.School.Url($"/chats/{chatId}/messages")).Problem(HttpStatusCode.Forbidden);
        await cast.Parent.Client.GetAsync(cast.School.Url($"/chats/{chatId}/messages?after=0")).Problem(HttpStatusCode.Forbidden);
        await cast.Parent.Client.GetAsync(cast.School.Url($"/chats/{chatId}/pins")).Problem(HttpStatusCode.Forbidden);
        Assert.Empty(await cast.Parent.Client.GetJson<List<MessageResponse>>(cast.School.Url("/search?q=подсолнух")));
        await cast.Parent.Client.GetAsync(cast.School.Url($"/files/{photo.Id}/content")).Expect(HttpStatusCode.NotFound);
        Assert.Equal(["Секретное слово подсолнух", "Привет"], await HistoryAsync(cast, cast.Student, chatId));
        // Not even "typing…" gets through: the child's next event is the class teacher's message.
        await using (var parentHub = await HubProbe.ConnectAsync(app, cast.Parent))
        await using (var studentHub = await HubProbe.ConnectAsync(app, cast.Student))
        {
            await parentHub.TypingAsync(cast.School.Id, chatId);
            var classChat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
            await SendAsync(cast, cast.ClassTeacher, classChat.Id, "Завтра экскурсия").Expect(HttpStatusCode.Created);
            Assert.Equal("Завтра экскурсия", (await studentHub.NextOfAsync<MessageEvent>(nameof(IChatClient.MessageCreated))).Message.Text);
            Assert.DoesNotContain(nameof(IChatClient.Typing), studentHub.Skipped);
        }
        // Linked again, the chat opens again.
        await cast.School.LinkGuardianAsync(cast.Parent, cast.Student);
        await SendAsync(cast, cast.Parent, chatId, "Снова можно").Expect(HttpStatusCode.Created);
        Assert.Single(await cast.Parent.Client.GetJson<List<MessageResponse>>(cast.School.Url("/search?q=подсолнух")));
    }

    [Fact]
    public async Task A_dismissed_teacher_who_is_also_a_parent_loses_personal_chats_with_pupils()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var phone = Cast.NewPhone();
        var teacher = await cast.School.AddPersonAsync(Role.Teacher, name: "Учитель И Родитель", phone: phone);
        // Her own account, made by this school: attached as a parent too, and linked to her child in 6Б.
        var asParent = await cast.Admin.Client.PostJsonAsync(cast.School.Url("/people"), new AddPersonRequest("Учитель И Родитель", Role.Parent, null, phone, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        Assert.Equal(teacher.AccountId, asParent.Person!.AccountId);
        await cast.School.LinkGuardianAsync(teacher, cast.OtherStudent);
        var chatId = await PersonalChatAsync(cast, teacher, cast.Student);
        await SendAsync(cast, teacher, chatId, "Зайди после уроков").Expect(HttpStatusCode.Created);

        await cast.Admin.Client.DeleteAsync(cast.School.Url($"/people/{teacher.MembershipId}")).Expect(HttpStatusCode.NoContent);

        await AssertReadOnlyAsync(cast, chatId, ChatRestriction.ContactPolicy, teacher, cast.Student);
        await teacher.Client.GetAsync(cast.School.Url($"/chats/{chatId}/messages")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(["Зайди после уроков"], await HistoryAsync(cast, cast.Student, chatId));
        // Her own child is still hers to write to.
        var own = await PersonalChatAsync(cast, teacher, cast.OtherStudent);
        await SendAsync(cast, teacher, own, "Я скоро").Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_group_of_a_minor_and_an_unrelated_parent_stops_when_its_last_staff_member_goes_until_staff_is_added()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var teacher = await cast.School.AddPersonAsync(Role.Teacher, name: "Учитель Кружка");
        var group = await teacher.Client.PostJsonAsync(cast.School.Url("/chats/groups"), new GroupRequest("Кружок", [cast.Student.AccountId, cast.OtherParent.AccountId]))
            .Read<ChatDetailResponse>(HttpStatusCode.Created);
        var chatId = group.Chat.Id;
        await SendAsync(cast, cast.OtherParent, chatId, "Когда собираемся?").Expect(HttpStatusCode.Created);

        await cast.Admin.Client.DeleteAsync(cast.School.Url($"/people/{teacher.MembershipId}")).Expect(HttpStatusCode.NoContent);

        await AssertReadOnlyAsync(cast, chatId, ChatRestriction.Unsupervised, cast.Student, cast.OtherParent);
        await cast.OtherParent.Client.GetAsync(cast.School.Url($"/chats/{chatId}/messages")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(["Когда собираемся?"], await HistoryAsync(cast, cast.Student, chatId));

        // The group passed to a remaining member, who adds the class teacher: open again.
        var detail = await cast.Student.Client.GetJson<ChatDetailResponse>(cast.School.Url($"/chats/{chatId}"));
        var owner = detail.Members.Single(m => m.Role == ChatRole.Owner).AccountId == cast.Student.AccountId ? cast.Student : cast.OtherParent;
        await owner.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/members"), new AddMembersRequest([cast.ClassTeacher.AccountId])).Expect(HttpStatusCode.OK);
        await SendAsync(cast, cast.OtherParent, chatId, "Спасибо").Expect(HttpStatusCode.Created);
        Assert.Equal(ChatRestriction.None, (await SummaryAsync(cast, cast.Student, chatId)).Restriction);
    }

    [Fact]
    public async Task A_pupil_moved_to_another_class_stops_writing_to_former_classmates()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Student, cast.Classmate);
        await SendAsync(cast, cast.Student, chatId, "Что задали?").Expect(HttpStatusCode.Created);

        await cast.Admin.Client.PatchJsonAsync(cast.School.Url($"/people/{cast.Student.MembershipId}"), new MovePersonRequest(cast.Class6B.Id)).Expect(HttpStatusCode.OK);

        await AssertReadOnlyAsync(cast, chatId, ChatRestriction.ContactPolicy, cast.Student, cast.Classmate);
        // Both are minors: each keeps their own history.
        Assert.Equal(["Что задали?"], await HistoryAsync(cast, cast.Classmate, chatId));
        Assert.Equal(["Что задали?"], await HistoryAsync(cast, cast.Student, chatId));
        // The school allowing students to write across classes opens it again.
        await cast.Admin.Client.PutJsonAsync(cast.School.Url("/settings"),
            new SchoolSettingsRequest(cast.School.Name, cast.School.Name, null, StudentsMayWriteOtherStudents: true)).Expect(HttpStatusCode.OK);
        await SendAsync(cast, cast.Classmate, chatId, "Параграф 5").Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Turning_off_parents_writing_to_parents_makes_their_existing_chats_read_only()
    {
        var cast = await SchoolCast.CreateAsync(app);
        var chatId = await PersonalChatAsync(cast, cast.Parent, cast.OtherParent);
        await SendAsync(cast, cast.Parent, chatId, "Скинемся на подарок?").Expect(HttpStatusCode.Created);
        var reacted = await cast.OtherParent.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chatId}/messages"));

        await cast.Admin.Client.PutJsonAsync(cast.School.Url("/settings"),
            new SchoolSettingsRequest(cast.School.Name, cast.School.Name, null, ParentsMayWriteClassParents: false)).Expect(HttpStatusCode.OK);

        await AssertReadOnlyAsync(cast, chatId, ChatRestriction.ContactPolicy, cast.Parent, cast.OtherParent);
        await cast.OtherParent.Client.PutAsync(cast.School.Url($"/chats/{chatId}/messages/{reacted.Items[0].Id}/reactions/{Uri.EscapeDataString("👍")}"), null)
            .Problem(HttpStatusCode.Forbidden);
        await cast.Parent.Client.PatchJsonAsync(cast.School.Url($"/chats/{chatId}/messages/{reacted.Items[0].Id}"), new EditMessageRequest("Передумала"))
            .Problem(HttpStatusCode.Forbidden);
        // No minor in it: both still read what was said.
        Assert.Equal(["Скинемся на подарок?"], await HistoryAsync(cast, cast.Parent, chatId));
    }
}
