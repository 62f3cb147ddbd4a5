using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Sfera.Operations;

namespace Sfera.Realtime;

/// <summary>
/// Events a request produced, held until its work is committed and the handler has succeeded, then pushed to
/// the recipients computed from the database at that moment. A failed request pushes nothing.
/// </summary>
public sealed class Outbox
{
    private readonly List<Func<IHubContext<ChatHub, IChatClient>, Task>> pending = [];

    private int recipientCount;

    public void Add(IEnumerable<Guid> recipients, Func<IChatClient, Task> send)
    {
        var people = recipients.Distinct().ToList();
        recipientCount += people.Count;
        if (people.Count > 0) pending.Add(hub => send(hub.Clients.People(people)));
    }

    public void Add(Guid recipient, Func<IChatClient, Task> send) => Add([recipient], send);

    /// <summary>Hands the events to the hub; <paramref name="started"/> is the request's arrival (a Stopwatch timestamp).</summary>
    public async Task FlushAsync(IHubContext<ChatHub, IChatClient> hub, SferaMetrics metrics, long started)
    {
        if (pending.Count == 0) return;
        foreach (var send in pending) await send(hub);
        metrics.Delivered(recipientCount);
        metrics.SendToDeliver(Stopwatch.GetElapsedTime(started));
        Discard();
    }

    public void Discard()
    {
        pending.Clear();
        recipientCount = 0;
    }

    public static IApplicationBuilder UseOutbox(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The hub's requests send nothing through the outbox, and a connection's lasts as long as the connection.
            if (context.Request.Path.StartsWithSegments(ChatHub.Path))
            {
                await next();
                return;
            }
            var outbox = context.RequestServices.GetRequiredService<Outbox>();
            var started = Stopwatch.GetTimestamp();
            await next();
            if (context.Response.StatusCode < 400)
                await outbox.FlushAsync(context.RequestServices.GetRequiredService<IHubContext<ChatHub, IChatClient>>(),
                    context.RequestServices.GetRequiredService<SferaMetrics>(), started);
            else
                outbox.Discard();
        });
}
