using Sfera.Data;
using Sfera.Schools;

namespace Sfera.Moderation;

public static class Audit
{
    public static AuditEntry Entry(SchoolMember actor, string action, Guid? chatId, Guid? targetId, string details, TimeProvider clock) => new()
    {
        Id = Guid.CreateVersion7(), SchoolId = actor.SchoolId, ActorId = actor.AccountId, Action = action, ChatId = chatId,
        TargetId = targetId, Details = details, CreatedAt = clock.GetUtcNow(),
    };
}
