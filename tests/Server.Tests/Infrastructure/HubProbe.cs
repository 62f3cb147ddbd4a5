using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Sfera.Realtime;

namespace Sfera.Tests.Infrastructure;

/// <summary>A real hub connection of one person that records every event it is pushed, in order.</summary>
public sealed class HubProbe : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Channel<(string Name, object Event)> events = Channel.CreateUnbounded<(string, object)>();

    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProbe(HubConnection connection)
    {
        this.connection = connection;
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
    }

    /// <summary>The hub connection's id, as a tab names it when it joins a call.</summary>
    public string ConnectionId => connection.ConnectionId!;

    /// <summary>Completes when the server closes the connection.</summary>
    public Task Closed => closed.Task;

    /// <summary>Connects again with the same credentials.</summary>
    public Task RestartAsync() => connection.StartAsync();

    public static async Task<HubProbe> ConnectAsync(SferaApp app, Person person)
    {
        var token = person.Client.DefaultRequestHeaders.Authorization!.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, ChatHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.LongPolling; // the in-process test server speaks plain HTTP
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult(token);
            })
            // Enums must arrive as names, as REST sends them: numbers are refused here.
            .AddJsonProtocol(o => o.PayloadSerializerOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
            {
                Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
            })
            .Build();
        var probe = new HubProbe(connection);
        probe.On<MessageEvent>(nameof(IChatClient.MessageCreated));
        probe.On<MessageEvent>(nameof(IChatClient.MessageUpdated));
        probe.On<MessageDeletedEvent>(nameof(IChatClient.MessageDeleted));
        probe.On<ReadEvent>(nameof(IChatClient.ReadUpdated));
        probe.On<ChatAddedEvent>(nameof(IChatClient.ChatAdded));
        probe.On<ChatAddedEvent>(nameof(IChatClient.ChatUpdated));
        probe.On<ChatRemovedEvent>(nameof(IChatClient.ChatRemoved));
        probe.On<TypingEvent>(nameof(IChatClient.Typing));
        probe.On<MessageEvent>(nameof(IChatClient.ConfirmationRequested));
        probe.On<PresenceEvent>(nameof(IChatClient.PresenceChanged));
        probe.On<Sfera.Polls.PollEvent>(nameof(IChatClient.PollUpdated));
        probe.On<MembershipDecidedEvent>(nameof(IChatClient.MembershipDecided));
        probe.On<Sfera.Schools.WaitingResponse>(nameof(IChatClient.WaitingChanged));
        probe.On<Sfera.Calls.CallEvent>(nameof(IChatClient.CallChanged));
        probe.On<Sfera.Calls.CallSignalEvent>(nameof(IChatClient.CallSignal));
        probe.On<Sfera.Calls.CallSpeakingEvent>(nameof(IChatClient.CallSpeaking));
        await connection.StartAsync();
        return probe;
    }

    private void On<T>(string name) => connection.On<T>(name, e => events.Writer.TryWrite((name, e!)));

    public Task TypingAsync(Guid schoolId, Guid chatId) => connection.InvokeAsync(nameof(ChatHub.Typing), schoolId, chatId);

    /// <summary>The next event, which must be of the given kind; fails after a generous timeout.</summary>
    public async Task<T> NextAsync<T>(string name, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            var (actual, e) = await events.Reader.ReadAsync(timeout.Token);
            Assert.True(actual == name, $"expected {name}, got {actual}: {System.Text.Json.JsonSerializer.Serialize(e, Http.Json)}");
            return (T)e;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no {name} event within {seconds} s");
            throw;
        }
    }

    /// <summary>Skips events until one of the kind arrives; the names skipped are in <see cref="Skipped"/>.</summary>
    public async Task<T> NextOfAsync<T>(string name, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        Skipped.Clear();
        while (true)
        {
            (string Name, object Event) next;
            try { next = await events.Reader.ReadAsync(timeout.Token); }
            catch (OperationCanceledException) { Assert.Fail($"no {name} event within {seconds} s"); throw; }
            if (next.Name == name) return (T)next.Event;
            Skipped.Add(next.Name);
        }
    }

    /// <summary>The names of the events the last <see cref="NextOfAsync{T}"/> skipped.</summary>
    public List<string> Skipped { get; } = [];

    public List<(string Name, object Event)> Drain()
    {
        var list = new List<(string, object)>();
        while (events.Reader.TryRead(out var e)) list.Add(e);
        return list;
    }

    public Task StopAsync() => connection.StopAsync();

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
