using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sfera.Chats;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Invites;
using Sfera.Messages;
using Sfera.Moderation;
using Sfera.People;
using Sfera.Schools;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// Every operation in the OpenAPI document, called by people who must not get through: an anonymous caller, the
/// administrator of another school, a pending joiner and a role without the right. A new endpoint is swept
/// automatically; one that needs a new id only needs it added to <see cref="Fixture.Value"/>.
/// </summary>
public sealed class BoundaryTests
{
    /// <summary>The operations open without a session. Adding one is a deliberate act: add it here too.</summary>
    private static readonly string[] PublicOperations =
    [
        "GET /health", "GET /health/ready", "GET /api/v1/auth/csrf", "POST /api/v1/auth/sign-in", "POST /api/v1/auth/refresh", "POST /api/v1/auth/activate",
        // External sign-in: the flow's own cookie, not a session, carries what these act on (ExternalSignInApi).
        "GET /api/v1/auth/external/{provider}/start", "POST /api/v1/auth/external/complete", "GET /api/v1/auth/external/pending", "DELETE /api/v1/auth/external/pending",
        "POST /api/v1/setup/operator", "GET /api/v1/setup/operator/{token}", "GET /api/v1/settings", "POST /api/v1/school-applications", "GET /api/v1/invites/{token}", "POST /api/v1/invites/{token}/join",
        // A guest link's call: the guest's key, not a session, opens these (GuestCallsApi).
        "GET /api/v1/guest-calls/{token}", "POST /api/v1/guest-calls/{token}/join", "GET /api/v1/guest-calls/{token}/state",
        "POST /api/v1/guest-calls/{token}/leave", "POST /api/v1/guest-calls/{token}/media/publish", "POST /api/v1/guest-calls/{token}/media/subscribe",
        "POST /api/v1/guest-calls/{token}/media/answer", "POST /api/v1/guest-calls/{token}/media/candidate",
        "POST /api/v1/guest-calls/{token}/media/configure", "POST /api/v1/guest-calls/{token}/media/state",
    ];

    /// <summary>School operations a confirmed student may use.</summary>
    private static readonly string[] StudentOperations =
        ["GET /api/v1/schools/{schoolId}", "GET /api/v1/schools/{schoolId}/classes", "POST /api/v1/schools/{schoolId}/parent-invite",
         "GET /api/v1/schools/{schoolId}/chats", "GET /api/v1/schools/{schoolId}/contacts", "GET /api/v1/schools/{schoolId}/parent-invites",
         "GET /api/v1/schools/{schoolId}/search", "POST /api/v1/schools/{schoolId}/files", "GET /api/v1/schools/{schoolId}/files/storage",
         // Zeros for a student: nothing waits for their decision.
         "GET /api/v1/schools/{schoolId}/waiting",
         // Empty for anyone nobody is calling.
         "GET /api/v1/schools/{schoolId}/calls/ringing"];

    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task Exactly_the_known_operations_are_open_to_anonymous_callers()
    {
        _ = app.BaseAddress;
        var open = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Where(op => !op.Contains("/api/docs", StringComparison.Ordinal))
            .Order().ToList();
        Assert.Equal(PublicOperations.Order(), open);
    }

    [Fact]
    public async Task Nobody_outside_gets_through_any_operation()
    {
        var fixture = await Fixture.CreateAsync(app);
        var operations = await OperationsAsync();
        Assert.True(operations.Count > 25, $"only {operations.Count} operations found in the OpenAPI document");
        var failures = new List<string>();

        foreach (var (method, template) in operations)
        {
            var op = $"{method} {template}";
            if (PublicOperations.Contains(op)) continue;
            var url = fixture.Fill(template);
            var schoolScoped = template.StartsWith("/api/v1/schools/{schoolId}", StringComparison.Ordinal);
            var operatorOnly = template.StartsWith("/api/v1/operator", StringComparison.Ordinal);

            await Check(app.Anonymous(), "anonymous", [HttpStatusCode.Unauthorized]);
            if (schoolScoped)
            {
                await Check(fixture.Outsider.Client, "another school's admin", [HttpStatusCode.NotFound]);
                await Check(fixture.Pending, "a pending joiner", [HttpStatusCode.NotFound]);
                if (!StudentOperations.Contains(op))
                    await Check(fixture.Cast.Student.Client, "a student", [HttpStatusCode.Forbidden, HttpStatusCode.NotFound]);
            }
            if (operatorOnly)
                await Check(fixture.Outsider.Client, "a school admin", [HttpStatusCode.Forbidden]);
            if (template.StartsWith("/api/v1/me/invitations/{invitationId}", StringComparison.Ordinal))
            {
                // An invitation is answered by its invitee alone.
                await Check(fixture.Outsider.Client, "another school's admin", [HttpStatusCode.NotFound]);
                await Check(fixture.Cast.Admin.Client, "the inviting admin", [HttpStatusCode.NotFound]);
                await Check(fixture.Cast.Student.Client, "a student", [HttpStatusCode.NotFound]);
            }

            async Task Check(HttpClient client, string who, HttpStatusCode[] allowed)
            {
                var response = await client.SendAsync(fixture.Request(method, template, url));
                var body = await response.Content.ReadAsStringAsync();
                if (!allowed.Contains(response.StatusCode))
                    failures.Add($"{op} as {who}: {(int)response.StatusCode} {body}");
                else if (body.Contains(fixture.Cast.School.Name, StringComparison.Ordinal) || body.Contains(fixture.Cast.Student.DisplayName, StringComparison.Ordinal))
                    failures.Add($"{op} as {who}: the refusal reveals the school's data: {body}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await fixture.AssertUnchangedAsync();
    }

    [Fact]
    public async Task Every_operation_says_what_it_does_and_what_its_errors_mean()
    {
        var doc = await app.Anonymous().GetJson<JsonElement>("/openapi/v1.json");
        var missing = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                var name = $"{op.Name.ToUpperInvariant()} {path.Name}";
                if (!op.Value.TryGetProperty("summary", out var summary) || summary.GetString() is not { Length: > 10 })
                    missing.Add($"{name}: no summary");
                var responses = op.Value.GetProperty("responses");
                var secured = !PublicOperations.Contains(name);
                if (secured && !responses.TryGetProperty("401", out _)) missing.Add($"{name}: 401 not described");
                if (path.Name.Contains('{', StringComparison.Ordinal) && !responses.TryGetProperty("404", out _)) missing.Add($"{name}: 404 not described");
            }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private async Task<List<(string Method, string Template)>> OperationsAsync()
    {
        var doc = await app.Anonymous().GetJson<JsonElement>("/openapi/v1.json");
        return doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (m.Name.ToUpperInvariant(), p.Name)))
            .ToList();
    }

    private static string Normalize(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.TrimEnd('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}") is var s && s.Length > 0 ? s : "/";

    /// <summary>A school with its cast, and ids of every kind an operation may name.</summary>
    internal sealed class Fixture
    {
        public required SchoolCast Cast { get; init; }
        public required Person Outsider { get; init; }
        public required HttpClient Pending { get; init; }
        public required Dictionary<string, string> Value { get; init; }
        public required Guid StaffRoom { get; init; }
        private int peopleBefore;
        private int invitesBefore;

        public static async Task<Fixture> CreateAsync(SferaApp app)
        {
            var cast = await SchoolCast.CreateAsync(app);
            var outsider = (await Infrastructure.Cast.CreateSchoolAsync(app)).Admin;
            var token = await JoinFlowTests.InviteTokenAsync(cast.ClassTeacher, cast, Role.Student);
            var login = Infrastructure.Cast.Unique("pending");
            await app.Anonymous().PostJsonAsync($"/api/v1/invites/{token}/join", new JoinRequest("Ждущий Ученик", login, null, null, Infrastructure.Cast.Password))
                .Expect(HttpStatusCode.OK);
            var pending = await Infrastructure.Cast.SignInAsync(app, login, Infrastructure.Cast.Password);
            var request = Assert.Single(await cast.Admin.Client.GetJson<List<JoinRequestResponse>>(cast.School.Url("/join-requests")));
            var invite = (await cast.Admin.Client.GetJson<List<InviteResponse>>(cast.School.Url("/invites"))).First();
            var link = await cast.Admin.Client.PostJsonAsync(cast.School.Url("/guardians"), new GuardianLinkRequest(cast.Parent.AccountId, cast.Classmate.AccountId))
                .Read<GuardianLinkResponse>();
            var application = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", Infrastructure.Cast.Application(Infrastructure.Cast.Unique("Лицей")))
                .Read<Sfera.Operator.SchoolApplicationCreated>(HttpStatusCode.Created);
            // The staff room: a chat the student is not in, with a message in it.
            var staffRoom = (await cast.Admin.Client.GetJson<List<ChatSummaryResponse>>(cast.School.Url("/chats"))).Single(c => c.Kind == ChatKind.Staff);
            var message = await cast.Admin.Client.PostJsonAsync(cast.School.Url($"/chats/{staffRoom.Id}/messages"),
                    new SendMessageRequest("boundary-1", "Только для сотрудников", Poll: new Sfera.Polls.PollRequest(["Да", "Нет"])))
                .Read<MessageResponse>(HttpStatusCode.Created);
            var file = await Files.UploadAsync(cast, cast.Admin, "смета"u8.ToArray(), "смета.txt").Read<Sfera.Files.FileResponse>(HttpStatusCode.Created);
            await Files.PostAsync(cast, cast.Admin, staffRoom.Id, "Смета", file.Id).Expect(HttpStatusCode.Created);
            await cast.Staff.Client.PostJsonAsync(cast.School.Url($"/chats/{staffRoom.Id}/messages/{message.Id}/report"), new ReportRequest("проверка"))
                .Expect(HttpStatusCode.Created);
            var report = Assert.Single(await cast.Admin.Client.GetJson<List<ReportResponse>>(cast.School.Url("/reports")));
            // An invitation to the administrator of a third school, whose account this school does not manage.
            var invitee = await (await Infrastructure.Cast.CreateSchoolAsync(app)).Admin.Client.GetJson<MeResponse>("/api/v1/me");
            var invitation = (await cast.Admin.Client.PostJsonAsync(cast.School.Url("/people"), new AddPersonRequest("Приглашённый Учитель", Role.Teacher, null, invitee.Phone, null))
                .Read<AddPersonResponse>(HttpStatusCode.Created)).Invitation!;
            var fixture = new Fixture
            {
                Cast = cast, Outsider = outsider, Pending = pending,
                Value = new()
                {
                    ["schoolId"] = cast.School.Id.ToString(),
                    ["classId"] = cast.Class5A.Id.ToString(),
                    ["membershipId"] = cast.Classmate.MembershipId.ToString(),
                    ["subjectTeacherId"] = (await cast.Admin.Client.GetJson<List<ClassResponse>>(cast.School.Url("/classes")))[0].SubjectTeachers.Single().Id.ToString(),
                    ["inviteId"] = invite.Id.ToString(),
                    ["requestId"] = request.Id.ToString(),
                    ["guardianLinkId"] = link.Id.ToString(),
                    ["applicationId"] = application.Id.ToString(),
                    ["token"] = token,
                    ["chatId"] = staffRoom.Id.ToString(),
                    ["messageId"] = message.Id.ToString(),
                    ["accountId"] = cast.Staff.AccountId.ToString(),
                    ["reportId"] = report.Id.ToString(),
                    ["emoji"] = Uri.EscapeDataString("👍"),
                    ["fileId"] = file.Id.ToString(),
                    ["invitationId"] = invitation.Id.ToString(),
                    // No call can be started in the staff room yet (group calls need Janus); the chat's check refuses first.
                    ["callId"] = Guid.NewGuid().ToString(),
                    // A device of one's own (/me/devices/{id}): only anonymous callers are refused there by this sweep; PushTests
                    // try another person's.
                    ["id"] = Guid.NewGuid().ToString(),
                    // One's own linked sign-ins (/me/sign-in-links/{linkId}): ExternalSignInTests try another person's.
                    ["linkId"] = Guid.NewGuid().ToString(),
                },
                StaffRoom = staffRoom.Id,
            };
            fixture.peopleBefore = (await cast.Admin.Client.GetJson<List<PersonResponse>>(cast.School.Url("/people"))).Count;
            fixture.invitesBefore = (await cast.Admin.Client.GetJson<List<InviteResponse>>(cast.School.Url("/invites"))).Count(i => !i.Revoked);
            return fixture;
        }

        public string Fill(string template) =>
            System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m =>
                Value.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new InvalidOperationException($"No test value for {{{m.Groups[1].Value}}} in {template}"));

        /// <summary>A request that would succeed for the right caller, so a missing check shows as a change.</summary>
        public HttpRequestMessage Request(string method, string template, string url)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            object? body = (method, template.Split("/schools/{schoolId}").Last()) switch
            {
                ("PUT", "/settings") => new SchoolSettingsRequest("Захвачено", "Захвачено", null),
                ("POST", "/classes") => new ClassRequest("11Я", null, null),
                ("PUT", "/classes/{classId}") => new ClassRequest("5Я", null, null),
                ("POST", "/classes/{classId}/subject-teachers") => new SubjectTeacherRequest(Cast.ClassTeacher.AccountId, "Химия"),
                ("POST", "/people") => new AddPersonRequest("Посторонний Человек", Role.Teacher, null, null, null),
                ("PATCH", "/people/{membershipId}") => new MovePersonRequest(Cast.Class6B.Id),
                ("POST", "/guardians") => new GuardianLinkRequest(Cast.OtherParent.AccountId, Cast.Student.AccountId),
                ("POST", "/invites") => new InviteRequest(Role.Student, Cast.Class5A.Id, null, null),
                ("POST", "/chats/personal") => new PersonalChatRequest(Cast.OtherParent.AccountId),
                ("POST", "/chats/groups") => new GroupRequest("Тайная группа", [Cast.Staff.AccountId]),
                ("POST", "/chats/{chatId}/members") => new AddMembersRequest([Cast.Student.AccountId]),
                ("POST", "/chats/{chatId}/messages") => new SendMessageRequest(Guid.NewGuid().ToString(), "Чужое сообщение"),
                ("PATCH", "/chats/{chatId}/messages/{messageId}") => new EditMessageRequest("Исправлено чужим"),
                ("POST", "/chats/{chatId}/read") => new ReadRequest(1),
                ("PUT", "/chats/{chatId}/settings") => new ChatSettingsRequest(true),
                ("POST", "/chats/{chatId}/members/{accountId}/mute") => new MuteRequest(60),
                ("PUT", "/chats/{chatId}/members/{accountId}/role") => new ChatRoleRequest(ChatRole.Moderator),
                ("POST", "/chats/{chatId}/messages/{messageId}/report") => new ReportRequest("ложный донос"),
                ("PUT", "/chats/{chatId}/messages/{messageId}/poll/vote") => new Sfera.Polls.VoteRequest([]),
                ("POST", "/chats/{chatId}/calls") => new Sfera.Calls.StartCallRequest(true, null),
                ("POST", "/chats/{chatId}/calls/{callId}/leave") => new Sfera.Calls.LeaveCallRequest(Guid.NewGuid()),
                ("POST", "/chats/{chatId}/calls/{callId}/signal") => new Sfera.Calls.CallSignalRequest(Guid.NewGuid(), "candidate", null, "candidate:1 1 udp 1 10.0.0.1 9 typ host", "0", 0),
                ("POST", "/api/v1/operator/applications/{applicationId}/reject") => new Sfera.Operator.RejectRequest("нет"),
                ("PUT", "/quota") => new Sfera.Operator.QuotaRequest(1),
                ("PUT", "/notification-policy") => new Sfera.Notifications.NotificationPolicyBody("12:00", "13:00", true, "Asia/Tokyo", PushPreview.Adults),
                ("PUT", "/chats/{chatId}/notifications") => new Sfera.Notifications.ChatNotificationsRequest(Sfera.Notifications.ChatNotifications.Off),
                _ => method is "POST" or "PUT" or "PATCH" ? new { } : null,
            };
            if (template.EndsWith("/roster-import", StringComparison.Ordinal))
                request.Content = new StringContent("role,class,name\nteacher,,Посторонний Учитель\n", Encoding.UTF8, "text/csv");
            else if (body is not null)
                request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), Http.Json), Encoding.UTF8, "application/json");
            return request;
        }

        public async Task AssertUnchangedAsync()
        {
            var admin = Cast.Admin.Client;
            var school = await admin.GetJson<SchoolResponse>(Cast.School.Url("/"));
            Assert.Equal(Cast.School.Name, school.ShortName);
            Assert.Equal(peopleBefore, (await admin.GetJson<List<PersonResponse>>(Cast.School.Url("/people"))).Count);
            Assert.Equal(invitesBefore, (await admin.GetJson<List<InviteResponse>>(Cast.School.Url("/invites"))).Count(i => !i.Revoked));
            var classes = await admin.GetJson<List<ClassResponse>>(Cast.School.Url("/classes"));
            Assert.Equal(["5А", "6Б"], classes.Select(c => c.Name));
            Assert.Single(classes[0].SubjectTeachers);
            Assert.Single(await admin.GetJson<List<JoinRequestResponse>>(Cast.School.Url("/join-requests")));
            var staffRoom = await admin.GetJson<ChatDetailResponse>(Cast.School.Url($"/chats/{StaffRoom}"));
            Assert.Contains(staffRoom.Members, m => m.AccountId == Cast.Staff.AccountId);
            Assert.DoesNotContain(staffRoom.Members, m => m.AccountId == Cast.Student.AccountId);
            var history = await admin.GetJson<MessagePageResponse>(Cast.School.Url($"/chats/{StaffRoom}/messages"));
            Assert.Equal(["Только для сотрудников", "Смета"], history.Items.Select(m => m.Text));
            Assert.Single(history.Items[1].Attachments);
            var poll = history.Items[0].Poll!;
            Assert.False(poll.Closed);
            Assert.Equal(0, poll.VoterCount);
            Assert.Empty(history.Items[0].Reactions);
            Assert.False(history.Items[0].Pinned);
            Assert.False(staffRoom.Chat.ModeratorsOnly);
            Assert.DoesNotContain(staffRoom.Members, m => m.Role == ChatRole.Moderator && m.AccountId == Cast.Staff.AccountId);
            var op = await Infrastructure.Cast.OperatorAsync(Cast.School.App);
            Assert.True((await op.GetJson<List<Sfera.Operator.OperatorSchoolResponse>>("/api/v1/operator/schools")).Single(x => x.Id == Cast.School.Id).QuotaIsDefault);
            Assert.Single(await admin.GetJson<List<InvitationResponse>>(Cast.School.Url("/invitations")));
            var reports = await admin.GetJson<List<ReportResponse>>(Cast.School.Url("/reports"));
            Assert.Null(Assert.Single(reports).ResolvedAt);
        }
    }
}
