using Microsoft.AspNetCore.SignalR;

namespace Sfera.Realtime;

/// <summary>
/// Events a request produced, held until its work is committed and the handler has succeeded, then pushed to
/// the recipients computed from the database at that moment. A failed request pushes nothing.
/// </summary>
public sealed class Outbox
{
    private readonly List<Func<IHubContext<ChatHub, IChatClient>, Task>> pending = [];

    public void Add(IEnumerable<Guid> recipients, Func<IChatClient, Task> send)
    {
        var people = recipients.Distinct().ToList();
        if (people.Count > 0) pending.Add(hub => send(hub.Clients.People(people)));
    }

    public void Add(Guid recipient, Func<IChatClient, Task> send) => Add([recipient], send);

    public async Task FlushAsync(IHubContext<ChatHub, IChatClient> hub)
    {
        foreach (var send in pending) await send(hub);
        pending.Clear();
    }

    public void Discard() => pending.Clear();

    public static IApplicationBuilder UseOutbox(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var outbox = context.RequestServices.GetRequiredService<Outbox>();
            await next();
            if (context.Response.StatusCode < 400)
                await outbox.FlushAsync(context.RequestServices.GetRequiredService<IHubContext<ChatHub, IChatClient>>());
            else
                outbox.Discard();
        });
}
