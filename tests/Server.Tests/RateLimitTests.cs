using System.Net;
using Microsoft.AspNetCore.SignalR;
using Sfera.Data;
using Sfera.Files;
using Sfera.Messages;
using Sfera.Realtime;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>Per-person limits on what a script could flood: messages, search, typing and uploads. Each test runs a
/// server of its own with low limits; the limits are per person, so a classmate is never held up by someone else.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sending_more_messages_a_minute_than_allowed_gives_429_to_that_person_only()
    {
        await using var app = new SferaApp(new() { ["Sfera:MessagesPerMinute"] = "3" });
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        for (var i = 0; i < 3; i++)
            await Send(cast, cast.ClassTeacher, chat.Id, $"Сообщение {i}").Expect(HttpStatusCode.Created);
        var problem = await Send(cast, cast.ClassTeacher, chat.Id, "Ещё одно").Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("https://sfera.local/problems/rate-limited", problem.GetProperty("type").GetString());
        Assert.Contains("Подождите минуту", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        await Send(cast, cast.Student, chat.Id, "А я могу").Expect(HttpStatusCode.Created);
        var page = await cast.Student.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chat.Id}/messages"));
        Assert.DoesNotContain(page.Items, m => m.Text == "Ещё одно");
    }

    [Fact]
    public async Task Searching_more_than_allowed_a_minute_gives_429()
    {
        await using var app = new SferaApp(new() { ["Sfera:SearchesPerMinute"] = "2" });
        var cast = await SchoolCast.CreateAsync(app);
        var search = cast.School.Url("/search?q=" + Uri.EscapeDataString("урок"));
        await cast.Student.Client.GetAsync(search).Expect(HttpStatusCode.OK);
        await cast.Student.Client.GetAsync(search).Expect(HttpStatusCode.OK);
        await cast.Student.Client.GetAsync(search).Problem(HttpStatusCode.TooManyRequests);
        await cast.Classmate.Client.GetAsync(search).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Typing_more_than_allowed_a_minute_is_refused_and_not_passed_on()
    {
        await using var app = new SferaApp(new() { ["Sfera:TypingPerMinute"] = "2" });
        var cast = await SchoolCast.CreateAsync(app);
        var chat = await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А");
        await using var teacher = await HubProbe.ConnectAsync(app, cast.ClassTeacher);
        await using var student = await HubProbe.ConnectAsync(app, cast.Student);
        for (var i = 0; i < 2; i++)
        {
            await teacher.TypingAsync(cast.School.Id, chat.Id);
            await student.NextAsync<TypingEvent>(nameof(IChatClient.Typing));
        }
        var refused = await Assert.ThrowsAsync<HubException>(() => teacher.TypingAsync(cast.School.Id, chat.Id));
        Assert.Contains("Подождите минуту", refused.Message, StringComparison.Ordinal);

        // The next thing the student hears is the teacher's message, not a third "typing".
        await Send(cast, cast.ClassTeacher, chat.Id, "Готово").Expect(HttpStatusCode.Created);
        var message = await student.NextAsync<MessageEvent>(nameof(IChatClient.MessageCreated));
        Assert.Equal("Готово", message.Message.Text);
    }

    [Fact]
    public async Task Uploading_more_files_a_minute_than_allowed_gives_429_and_stores_nothing()
    {
        await using var app = new SferaApp(new() { ["Files:UploadsPerMinute"] = "2" });
        var cast = await SchoolCast.CreateAsync(app);
        await Files.UploadAsync(cast, cast.Student, "раз"u8.ToArray(), "1.txt").Expect(HttpStatusCode.Created);
        await Files.UploadAsync(cast, cast.Student, "два"u8.ToArray(), "2.txt").Expect(HttpStatusCode.Created);
        var problem = await Files.UploadAsync(cast, cast.Student, "три"u8.ToArray(), "3.txt").Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        var storage = await cast.Student.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"));
        Assert.Equal("раз"u8.Length + "два"u8.Length, storage.UsedBytes);
        await Files.UploadAsync(cast, cast.Classmate, "мой"u8.ToArray(), "4.txt").Expect(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> Send(SchoolCast cast, Person who, Guid chatId, string text) =>
        who.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), text));
}
