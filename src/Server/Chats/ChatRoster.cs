using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Realtime;

namespace Sfera.Chats;

/// <summary>
/// Automatic chats follow the roster. After any change to memberships, classes, subject teachers or guardians,
/// the school's automatic chats are reconciled with who should be in them, and the people who gained or lost a
/// chat are told through the outbox. Called by <see cref="RosterSyncInterceptor"/>, so no roster change can skip it.
/// </summary>
public sealed class ChatRoster(Outbox outbox, TimeProvider clock)
{
    public async Task SyncAsync(SferaDb db, Guid schoolId)
    {
        var school = await db.Schools.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == schoolId);
        if (school is null) return;
        var now = clock.GetUtcNow();
        var classes = await db.Classes.IgnoreQueryFilters().Where(c => c.SchoolId == schoolId).ToListAsync();
        var members = await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.SchoolId == schoolId && m.Status == MembershipStatus.Confirmed)
            .Select(m => new { m.AccountId, m.Role, m.ClassId, m.CreatedAt }).ToListAsync();
        var subjects = await db.SubjectTeachers.IgnoreQueryFilters().Where(s => s.SchoolId == schoolId).Select(s => new { s.ClassId, s.AccountId }).ToListAsync();
        var guardians = await db.GuardianLinks.IgnoreQueryFilters()
            .Where(g => g.SchoolId == schoolId && g.Status == GuardianStatus.Confirmed).Select(g => new { g.GuardianId, g.ChildId }).ToListAsync();
        var chats = await db.Chats.IgnoreQueryFilters()
            .Where(c => c.SchoolId == schoolId && c.Kind != ChatKind.Personal && c.Kind != ChatKind.Group).ToListAsync();

        var confirmed = members.Select(m => m.AccountId).ToHashSet();
        var admins = members.Where(m => m.Role == Role.Admin).OrderBy(m => m.CreatedAt).Select(m => m.AccountId).Distinct().ToList();
        var staff = members.Where(m => m.Role is Role.Admin or Role.Teacher or Role.Staff).Select(m => m.AccountId).ToHashSet();
        var teachers = members.Where(m => m.Role is Role.Teacher).Select(m => m.AccountId).ToHashSet();

        var desired = new Dictionary<Chat, Dictionary<Guid, ChatRole>>();
        Chat Ensure(ChatKind kind, Guid? classId, bool moderatorsOnly)
        {
            var chat = chats.FirstOrDefault(c => c.Kind == kind && c.ClassId == classId);
            if (chat is null)
            {
                chat = new Chat { Id = Guid.CreateVersion7(), SchoolId = schoolId, Kind = kind, ClassId = classId, ModeratorsOnly = moderatorsOnly, CreatedAt = now };
                db.Chats.Add(chat);
                chats.Add(chat);
            }
            return chat;
        }
        // The owner is the class teacher, else the first administrator: no automatic chat is ever orphaned.
        Dictionary<Guid, ChatRole> Roles(IEnumerable<Guid> people, Guid? owner, IEnumerable<Guid> moderators)
        {
            var roles = people.Where(confirmed.Contains).Distinct().ToDictionary(p => p, _ => ChatRole.Member);
            foreach (var m in moderators.Where(roles.ContainsKey)) roles[m] = ChatRole.Moderator;
            var actualOwner = owner is { } o && confirmed.Contains(o) ? o : admins.FirstOrDefault();
            if (actualOwner != Guid.Empty) roles[actualOwner] = ChatRole.Owner;
            return roles;
        }

        desired[Ensure(ChatKind.Staff, null, false)] = Roles(staff, null, admins);
        desired[Ensure(ChatKind.Announcements, null, true)] = Roles(confirmed, null, admins.Concat(teachers));
        foreach (var c in classes)
        {
            var students = members.Where(m => m.Role == Role.Student && m.ClassId == c.Id).Select(m => m.AccountId).ToHashSet();
            var classTeacher = c.ClassTeacherId is { } t && teachers.Contains(t) ? t : (Guid?)null;
            if (school.Type != SchoolType.Kindergarten)
                desired[Ensure(ChatKind.Class, c.Id, false)] = Roles(
                    students.Concat(subjects.Where(s => s.ClassId == c.Id).Select(s => s.AccountId)).Concat(classTeacher is { } ct ? [ct] : []),
                    classTeacher, subjects.Where(s => s.ClassId == c.Id).Select(s => s.AccountId));
            var parents = guardians.Where(g => students.Contains(g.ChildId)).Select(g => g.GuardianId);
            desired[Ensure(ChatKind.Parents, c.Id, false)] = Roles(parents.Concat(classTeacher is { } pt ? [pt] : []), classTeacher, []);
        }

        var chatIds = desired.Keys.Select(c => c.Id).ToList();
        var existing = await db.ChatMembers.IgnoreQueryFilters().Where(m => chatIds.Contains(m.ChatId)).ToListAsync();
        var added = new List<(Guid Account, Chat Chat)>();
        var removed = new List<(Guid Account, Guid ChatId)>();
        foreach (var (chat, roles) in desired)
        {
            var current = existing.Where(m => m.ChatId == chat.Id).ToDictionary(m => m.AccountId);
            foreach (var (account, role) in roles)
            {
                if (current.TryGetValue(account, out var member)) { member.Role = role; continue; }
                db.ChatMembers.Add(new ChatMember
                {
                    Id = Guid.CreateVersion7(), SchoolId = schoolId, ChatId = chat.Id, AccountId = account, Role = role,
                    LastReadSeq = chat.LastSeq, JoinedAt = now,
                });
                added.Add((account, chat));
            }
            foreach (var gone in current.Values.Where(m => !roles.ContainsKey(m.AccountId)))
            {
                db.ChatMembers.Remove(gone);
                removed.Add((gone.AccountId, chat.Id));
            }
        }
        // Personal chats and groups keep their history, but a person no longer in the school leaves them.
        var departed = await db.ChatMembers.IgnoreQueryFilters()
            .Where(m => m.SchoolId == schoolId && !chatIds.Contains(m.ChatId) && !confirmed.Contains(m.AccountId)).ToListAsync();
        foreach (var gone in departed) { db.ChatMembers.Remove(gone); removed.Add((gone.AccountId, gone.ChatId)); }
        // A group whose owner left passes to its next member, staff first, so nobody is left unable to add staff back.
        var orphaned = departed.Where(g => g.Role == ChatRole.Owner).Select(g => g.ChatId).Distinct().ToList();
        if (orphaned.Count > 0)
        {
            var stay = confirmed.ToList();
            var remaining = await db.ChatMembers.IgnoreQueryFilters().Where(m => orphaned.Contains(m.ChatId) && stay.Contains(m.AccountId)).ToListAsync();
            foreach (var group in remaining.GroupBy(m => m.ChatId).Where(g => g.All(m => m.Role != ChatRole.Owner)))
                group.OrderByDescending(m => staff.Contains(m.AccountId)).ThenByDescending(m => m.Role).ThenBy(m => m.JoinedAt).First().Role = ChatRole.Owner;
        }

        if (added.Count == 0 && removed.Count == 0 && !db.ChangeTracker.HasChanges()) return;
        await db.SaveChangesAsync();
        foreach (var (account, chatId) in removed)
            outbox.Add(account, c => c.ChatRemoved(new ChatRemovedEvent(schoolId, chatId)));
        foreach (var (account, chat) in added)
            await ChatEvents.AddedAsync(db, outbox, schoolId, chat.Id, [account]);
    }
}
