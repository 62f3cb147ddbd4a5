using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Moderation;
using Sfera.Realtime;
using Sfera.Schools;

namespace Sfera.Chats;

/// <summary>A chat member; Presence is null where the caller may not see it (a minor, unless staff or their guardian). QuietUntil:
/// the member is in quiet hours (the school's night, or outside their working hours), and is notified then.</summary>
public sealed record ChatMemberResponse(Guid AccountId, string DisplayName, ChatRole Role, DateTimeOffset? MutedUntil, PresenceResponse? Presence,
    DateTimeOffset? QuietUntil = null);
public sealed record ChatDetailResponse(ChatSummaryResponse Chat, List<ChatMemberResponse> Members);
public sealed record PersonalChatRequest(Guid AccountId);
public sealed record GroupRequest(string Title, List<Guid> AccountIds);
public sealed record AddMembersRequest(List<Guid> AccountIds);
public sealed record ContactResponse(Guid AccountId, string DisplayName, List<Role> Roles);
/// <summary>What one member may see of another: name and roles, and a student's class. Never a minor's phone or e-mail.</summary>
public sealed record ProfileResponse(Guid AccountId, string DisplayName, List<Role> Roles, List<string> Classes);

public static class ChatsApi
{
    public static void MapChats(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapSchoolGroup("Chats");
        group.MapGet("/chats", (SchoolMember member, SferaDb db) => ChatQueries.SummariesAsync(db, member.SchoolId, member.AccountId)).WithSummary("The caller's chats in this school, newest activity first, with unread counts and whether they may post.");
        group.MapPost("/chats/personal", StartPersonal).WithSummary("Opens (or returns the existing) personal chat with someone the contact policy lets the caller reach.");
        group.MapPost("/chats/groups", CreateGroup).WithSummary("Staff create a group of people they may reach; a group with a minor and a non-staff adult must include staff.");
        group.MapGet("/contacts", Contacts).WithSummary("People the caller may reach under the contact policy.");
        group.MapGet("/profiles/{accountId:guid}", Profile).WithSummary("Name, roles and class of someone the caller may reach (never a minor's phone or e-mail).");

        var chat = routes.MapChatGroup("Chats");
        chat.MapGet("", Get).WithSummary("One chat with its members and moderators (nobody reads a chat invisibly).");
        chat.MapPost("/members", AddMembers).WithSummary("A group's moderator adds people the contact policy lets them reach.");
        chat.MapDelete("/members/{accountId:guid}", RemoveMember).WithSummary("A moderator removes someone from a group, or a member leaves it.");
    }

    private static async Task<Ok<ChatDetailResponse>> Get(SchoolMember member, ChatMembership access, SferaDb db, PresenceTracker presence, TimeProvider clock) =>
        TypedResults.Ok(await DetailAsync(db, presence, member, access.ChatId, clock));

    private static async Task<ChatDetailResponse> DetailAsync(SferaDb db, PresenceTracker presence, SchoolMember member, Guid chatId, TimeProvider clock)
    {
        var summary = (await ChatQueries.SummariesAsync(db, member.SchoolId, member.AccountId, [chatId])).Single();
        var rows = await db.ChatMembers.Where(m => m.ChatId == chatId)
            .Join(db.Users, m => m.AccountId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, m.Role, m.MutedUntil, u.LastSeenAt }).ToListAsync();
        var facts = await PersonFacts.LoadAsync(db, member.SchoolId, [member.AccountId, .. rows.Select(r => r.Id)]);
        var online = await presence.OnlineAsync(rows.Select(r => r.Id).ToList());
        var quiet = await Notifications.QuietHours.OfMembersAsync(db, member.SchoolId, facts, clock.GetUtcNow());
        var members = rows.Select(r => new ChatMemberResponse(r.Id, r.DisplayName, r.Role, r.MutedUntil,
            facts.TryGetValue(r.Id, out var subject) && Presence.MaySee(facts[member.AccountId], subject)
                ? new PresenceResponse(online.Contains(r.Id), r.LastSeenAt) : null,
            r.Id == member.AccountId ? null : quiet.GetValueOrDefault(r.Id) is { } until && until != default ? until : null));
        return new(summary, members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCulture).ToList());
    }

    /// <summary>People the caller may reach under the contact policy: whom they may write to, add or see.</summary>
    private static async Task<Ok<List<ContactResponse>>> Contacts(SchoolMember member, SferaDb db)
    {
        var ids = await db.Memberships.Where(m => m.SchoolId == member.SchoolId && m.Status == MembershipStatus.Confirmed)
            .Select(m => m.AccountId).Distinct().ToListAsync();
        var facts = await PersonFacts.LoadAsync(db, member.SchoolId, ids);
        var school = await db.Schools.FirstAsync(s => s.Id == member.SchoolId);
        var me = facts[member.AccountId];
        var allowed = facts.Values.Where(f => ContactPolicy.MayContact(me, f, school)).Select(f => f.AccountId).ToList();
        var names = await db.Users.Where(u => allowed.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync();
        return TypedResults.Ok(names.Select(n => new ContactResponse(n.Id, n.DisplayName, facts[n.Id].Roles.Order().ToList()))
            .OrderBy(c => c.DisplayName, StringComparer.CurrentCulture).ToList());
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> Profile(SchoolMember member, Guid accountId, SferaDb db)
    {
        var facts = await PersonFacts.LoadAsync(db, member.SchoolId, [member.AccountId, accountId]);
        var school = await db.Schools.FirstAsync(s => s.Id == member.SchoolId);
        var self = accountId == member.AccountId;
        if (!facts.TryGetValue(accountId, out var other) || !(self || ContactPolicy.MayContact(facts[member.AccountId], other, school)))
            return Problems.NotFound();
        var name = await db.Users.Where(u => u.Id == accountId).Select(u => u.DisplayName).FirstAsync();
        var classIds = other.StudentClasses.ToList();
        var classes = await db.Classes.Where(c => classIds.Contains(c.Id)).Select(c => c.Name).ToListAsync();
        return TypedResults.Ok(new ProfileResponse(accountId, name, other.Roles.Order().ToList(), classes));
    }

    private static async Task<Results<Ok<ChatDetailResponse>, Created<ChatDetailResponse>, ProblemHttpResult>> StartPersonal(
        SchoolMember member, PersonalChatRequest request, SferaDb db, Outbox outbox, PresenceTracker presence, TimeProvider clock)
    {
        var facts = await PersonFacts.LoadAsync(db, member.SchoolId, [member.AccountId, request.AccountId]);
        var school = await db.Schools.FirstAsync(s => s.Id == member.SchoolId);
        // Someone the policy keeps from the caller looks exactly like someone who does not exist.
        if (!facts.TryGetValue(request.AccountId, out var other) || !ContactPolicy.MayContact(facts[member.AccountId], other, school))
            return Problems.NotFound();

        var existing = await db.Chats.Where(c => c.SchoolId == member.SchoolId && c.Kind == ChatKind.Personal
                && db.ChatMembers.Count(m => m.ChatId == c.Id) == 2
                && db.ChatMembers.Any(m => m.ChatId == c.Id && m.AccountId == member.AccountId)
                && db.ChatMembers.Any(m => m.ChatId == c.Id && m.AccountId == request.AccountId))
            .Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        if (existing is { } found) return TypedResults.Ok(await DetailAsync(db, presence, member, found, clock));

        var chat = NewChat(member, ChatKind.Personal, "", clock);
        db.Chats.Add(chat);
        AddMember(db, chat, member.AccountId, ChatRole.Owner, clock);
        AddMember(db, chat, request.AccountId, ChatRole.Owner, clock);
        await db.SaveChangesAsync();
        await ChatEvents.AddedAsync(db, outbox, member.SchoolId, chat.Id, [request.AccountId, member.AccountId]);
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/chats/{chat.Id}", await DetailAsync(db, presence, member, chat.Id, clock));
    }

    private static async Task<Results<Created<ChatDetailResponse>, ProblemHttpResult, ValidationProblem>> CreateGroup(
        SchoolMember member, GroupRequest request, SferaDb db, Outbox outbox, PresenceTracker presence, TimeProvider clock)
    {
        if (!member.IsStaff) return Problems.Forbidden();
        var v = new Validator().Text(request.Title, "title", 200).Check(request.AccountIds is { Count: > 0 and <= 500 }, "accountIds", "range");
        if (!v.IsValid) return v.Problem();
        var people = request.AccountIds.Where(id => id != member.AccountId).Distinct().ToList();
        if (await CheckNewMembersAsync(db, member, [member.AccountId], people) is { } problem) return problem;

        var chat = NewChat(member, ChatKind.Group, request.Title.Trim(), clock);
        db.Chats.Add(chat);
        AddMember(db, chat, member.AccountId, ChatRole.Owner, clock);
        foreach (var id in people) AddMember(db, chat, id, ChatRole.Member, clock);
        await db.SaveChangesAsync();
        await ChatEvents.AddedAsync(db, outbox, member.SchoolId, chat.Id, [member.AccountId, .. people]);
        return TypedResults.Created($"/api/v1/schools/{member.SchoolId}/chats/{chat.Id}", await DetailAsync(db, presence, member, chat.Id, clock));
    }

    private static async Task<Results<Ok<ChatDetailResponse>, ProblemHttpResult, ValidationProblem>> AddMembers(
        SchoolMember member, ChatMembership access, AddMembersRequest request, SferaDb db, Outbox outbox, PresenceTracker presence, TimeProvider clock)
    {
        if (!access.MayManageMembers) return Problems.Forbidden();
        if (request.AccountIds is not { Count: > 0 and <= 500 }) return Problems.Field("accountIds", "range");
        var current = await ChatAccess.MemberIdsAsync(db, access.ChatId);
        var people = request.AccountIds.Except(current).Distinct().ToList();
        if (await CheckNewMembersAsync(db, member, current, people) is { } problem) return problem;
        foreach (var id in people) AddMember(db, access.Chat, id, ChatRole.Member, clock);
        db.AuditEntries.Add(Audit.Entry(member, "chat.add_members", access.ChatId, null, string.Join(",", people), clock));
        await db.SaveChangesAsync();
        await ChatEvents.ChatChangedAsync(db, outbox, member.SchoolId, access.ChatId);
        await ChatEvents.AddedAsync(db, outbox, member.SchoolId, access.ChatId, people);
        return TypedResults.Ok(await DetailAsync(db, presence, member, access.ChatId, clock));
    }

    /// <summary>A moderator removes someone from a group, or anyone leaves it. An owner who leaves hands over.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        SchoolMember member, ChatMembership access, Guid accountId, SferaDb db, Outbox outbox, TimeProvider clock)
    {
        var target = await db.ChatMembers.FirstOrDefaultAsync(m => m.ChatId == access.ChatId && m.AccountId == accountId);
        if (target is null) return Problems.NotFound();
        var leaving = accountId == member.AccountId;
        if (access.Chat.IsAutomatic || access.Chat.Kind == ChatKind.Personal) return Problems.Forbidden();
        if (!leaving && !access.MayRemove(target)) return Problems.Forbidden();
        var remaining = (await ChatAccess.MemberIdsAsync(db, access.ChatId)).Where(id => id != accountId).ToList();
        if (!ContactPolicy.IsSupervised((await PersonFacts.LoadAsync(db, member.SchoolId, remaining)).Values))
            return Problems.Status(422, "supervision");

        db.ChatMembers.Remove(target);
        if (target.Role == ChatRole.Owner && !await db.ChatMembers.AnyAsync(m => m.ChatId == access.ChatId && m.Role == ChatRole.Owner && m.Id != target.Id))
        {
            var heir = await db.ChatMembers.Where(m => m.ChatId == access.ChatId && m.Id != target.Id)
                .OrderByDescending(m => m.Role).ThenBy(m => m.JoinedAt).FirstOrDefaultAsync();
            if (heir is not null) heir.Role = ChatRole.Owner;
        }
        if (!leaving) db.AuditEntries.Add(Audit.Entry(member, "chat.remove_member", access.ChatId, accountId, "", clock));
        await db.SaveChangesAsync();
        outbox.Add(accountId, c => c.ChatRemoved(new ChatRemovedEvent(member.SchoolId, access.ChatId)));
        await ChatEvents.ChatChangedAsync(db, outbox, member.SchoolId, access.ChatId);
        return TypedResults.NoContent();
    }

    /// <summary>Every newcomer must be reachable by the adder under the contact policy, and the group must stay supervised.</summary>
    private static async Task<ProblemHttpResult?> CheckNewMembersAsync(SferaDb db, SchoolMember member, List<Guid> current, List<Guid> newcomers)
    {
        var facts = await PersonFacts.LoadAsync(db, member.SchoolId, [.. current, .. newcomers, member.AccountId]);
        var school = await db.Schools.FirstAsync(s => s.Id == member.SchoolId);
        if (newcomers.Any(id => !facts.TryGetValue(id, out var f) || !ContactPolicy.MayContact(facts[member.AccountId], f, school)))
            return Problems.NotFound();
        var all = current.Concat(newcomers).Where(facts.ContainsKey).Select(id => facts[id]);
        return ContactPolicy.IsSupervised(all) ? null : Problems.Status(422, "supervision");
    }

    private static Chat NewChat(SchoolMember member, ChatKind kind, string title, TimeProvider clock) => new()
    {
        Id = Guid.CreateVersion7(), SchoolId = member.SchoolId, Kind = kind, Title = title, CreatedBy = member.AccountId, CreatedAt = clock.GetUtcNow(),
    };

    private static void AddMember(SferaDb db, Chat chat, Guid accountId, ChatRole role, TimeProvider clock) =>
        db.ChatMembers.Add(new ChatMember
        {
            Id = Guid.CreateVersion7(), SchoolId = chat.SchoolId, ChatId = chat.Id, AccountId = accountId, Role = role,
            LastReadSeq = chat.LastSeq, JoinedAt = clock.GetUtcNow(),
        });
}
