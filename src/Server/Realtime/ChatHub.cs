using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Hosting;

namespace Sfera.Realtime;

/// <summary>
/// Pushes events to people (SignalR users, keyed by account id); clients never choose what they subscribe to.
/// The only thing a client sends here is ephemeral: "I am typing".
/// </summary>
[Authorize]
public sealed class ChatHub(SferaDb db, PresenceTracker presence, IHubContext<ChatHub, IChatClient> hub, TimeProvider clock, TypingLimiter typing, Operations.SferaMetrics metrics, IServiceProvider services) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    public override async Task OnConnectedAsync()
    {
        metrics.Connected();
        if (!Guid.TryParse(Context.UserIdentifier, out var me)) return;
        // Events are addressed to people through their group (see Recipients), first thing, so none is missed.
        await Groups.AddToGroupAsync(Context.ConnectionId, Recipients.PersonGroup(me));
        var first = await presence.ConnectedAsync(me, Context);
        // "Sign out everywhere" renews the stamp, then closes the registered connections. A connection registered
        // just after that close went out would be missed: it checks the stamp once registered, and leaves.
        var stamp = Context.User?.FindFirst(new Microsoft.AspNetCore.Identity.IdentityOptions().ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (!await db.Users.AnyAsync(u => u.Id == me && u.SecurityStamp == stamp))
        {
            Context.Abort();
            return;
        }
        if (first) await Presence.AnnounceAsync(db, presence, hub, me);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.Disconnected();
        if (Guid.TryParse(Context.UserIdentifier, out var caller))
            await Calls.CallService.LeaveOnDisconnectAsync(services, db, caller, Context.ConnectionId);
        if (Guid.TryParse(Context.UserIdentifier, out var me) && await presence.DisconnectedAsync(me, Context.ConnectionId))
        {
            var now = clock.GetUtcNow();
            await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenAt, now));
            await Presence.AnnounceAsync(db, presence, hub, me);
        }
        await base.OnDisconnectedAsync(exception);
    }

    public async Task Typing(Guid schoolId, Guid chatId)
    {
        if (!Guid.TryParse(Context.UserIdentifier, out var me)) return;
        // The web app sends this without waiting for an answer; a script that floods it gets an error and nobody hears it.
        if (!typing.TryAcquire(Context.UserIdentifier!)) throw new HubException(Texts.Get("rate_limited"));
        var confirmed = await db.Memberships.AnyAsync(m => m.SchoolId == schoolId && m.AccountId == me && m.Status == MembershipStatus.Confirmed);
        if (!confirmed || await ChatAccess.FindForMemberAsync(db, schoolId, me, chatId) is not { } access) return;
        // "Typing" reaches the other side too: not in a chat the contact policy has made read-only.
        if (await ChatPolicy.RestrictionAsync(db, access.Chat) != ChatRestriction.None) return;
        var name = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).FirstAsync();
        var others = (await ChatAccess.MemberIdsAsync(db, chatId)).Where(id => id != me).ToList();
        await Clients.People(others).Typing(new TypingEvent(schoolId, chatId, me, name));
    }
}
