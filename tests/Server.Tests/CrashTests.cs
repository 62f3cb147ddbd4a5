using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sfera.Data;
using Sfera.Messages;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// The server as its own process, killed with SIGKILL while people send at once: every message it acknowledged is
/// stored exactly once and in the order its sender sent it, and a client's retry after the crash stores nothing twice.
/// </summary>
public sealed class CrashTests
{
    private sealed record Sender(string Name, HttpClient Http, Guid ChatId, List<string> Acknowledged, List<string> InFlight);

    [Fact]
    public async Task Messages_acknowledged_before_a_kill_9_are_all_stored_once_and_in_order()
    {
        await using var app = new SferaApp();
        var cast = await SchoolCast.CreateAsync(app);
        var classChat = (await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А")).Id;
        var parentsChat = (await cast.ChatAsync(cast.Parent, ChatKind.Parents)).Id;
        var people = new[] { (cast.ClassTeacher, classChat), (cast.SubjectTeacher, classChat), (cast.Student, classChat), (cast.Classmate, classChat),
            (cast.Parent, parentsChat), (cast.OtherParent, parentsChat) };

        var server = await StartAsync(app);
        var senders = new List<Sender>();
        foreach (var (person, chat) in people)
            senders.Add(new Sender(person.Login, await BearerAsync(server.Url, person), chat, [], []));
        var loops = senders.Select(s => Task.Run(() => SendUntilKilledAsync(cast.School.Id, s))).ToList();
        // Let a few hundred sends through, then kill the process in the middle of the next batch.
        while (senders.Sum(s => { lock (s.Acknowledged) return s.Acknowledged.Count; }) < 150) await Task.Delay(20);
        server.Process.Kill();
        await server.Process.WaitForExitAsync();
        await Task.WhenAll(loops);
        Assert.All(senders, s => Assert.NotEmpty(s.Acknowledged));

        // Back up on the same database: each client retries what it had in flight, with the same client id.
        var restarted = await StartAsync(app);
        try
        {
            foreach (var s in senders)
            {
                using var http = await BearerAsync(restarted.Url, people.Single(p => p.Item1.Login == s.Name).Item1);
                foreach (var clientId in s.InFlight)
                {
                    var retry = await http.PostAsJsonAsync($"/api/v1/schools/{cast.School.Id}/chats/{s.ChatId}/messages", new SendMessageRequest(clientId, "После сбоя " + clientId));
                    Assert.True(retry.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"retry of {clientId}: {retry.StatusCode}");
                }
            }
        }
        finally
        {
            ExternalServers.Stop(restarted.Process);
        }

        foreach (var chat in new[] { (classChat, cast.ClassTeacher), (parentsChat, cast.Parent) })
        {
            var stored = await HistoryAsync(cast, chat.Item2, chat.Item1);
            // Sequence numbers have no gaps and no repeats: counters and rows were committed together.
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));
            Assert.Equal(stored.Count, stored.Select(m => m.ClientId).Distinct().Count());
            foreach (var s in senders.Where(s => s.ChatId == chat.Item1))
            {
                var mine = stored.Where(m => m.ClientId.StartsWith(s.Name + "-", StringComparison.Ordinal)).ToList();
                var acknowledged = mine.Where(m => s.Acknowledged.Contains(m.ClientId)).Select(m => m.ClientId).ToList();
                // Every acknowledged message is there, in the order it was sent; the retried ones after them.
                Assert.Equal(s.Acknowledged, acknowledged);
                Assert.Equal(s.Acknowledged.Concat(s.InFlight), mine.Select(m => m.ClientId));
            }
        }
    }

    /// <summary>Sends one message after another, each after the previous was answered, until the server goes away.</summary>
    private static async Task SendUntilKilledAsync(Guid schoolId, Sender s)
    {
        for (var i = 0; ; i++)
        {
            var clientId = $"{s.Name}-{i:D5}";
            HttpResponseMessage response;
            try
            {
                response = await s.Http.PostAsJsonAsync($"/api/v1/schools/{schoolId}/chats/{s.ChatId}/messages", new SendMessageRequest(clientId, "Сообщение " + i));
            }
            catch (HttpRequestException)
            {
                s.InFlight.Add(clientId);
                return;
            }
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            lock (s.Acknowledged) s.Acknowledged.Add(clientId);
        }
    }

    private static async Task<List<MessageResponse>> HistoryAsync(SchoolCast cast, Person reader, Guid chatId)
    {
        var all = new List<MessageResponse>();
        long after = 0;
        while (true)
        {
            var page = await reader.Client.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chatId}/messages?after={after}&limit=200"));
            all.AddRange(page.Items);
            if (!page.HasMoreAfter) return all;
            after = page.Items[^1].Seq;
        }
    }

    private static async Task<HttpClient> BearerAsync(string url, Person person)
    {
        var http = new HttpClient { BaseAddress = new Uri(url) };
        var signIn = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { login = person.Login, password = person.Password, useTokens = true });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private sealed record ServerProcess(Process Process, string Url);

    /// <summary>The built server as a process of its own, on the test app's database and data folder.</summary>
    private static async Task<ServerProcess> StartAsync(SferaApp app)
    {
        var port = ExternalServers.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sfera.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var key in new[] { "Sfera__SignInPermitsPerMinute", "Sfera__MessagesPerMinute" }) info.Environment[key] = "1000000";
        foreach (var (key, value) in app.DataSettingsAsEnvironment()) info.Environment[key] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ExternalServers.WaitForPortAsync(port, process, "the server");
        return new ServerProcess(process, $"http://127.0.0.1:{port}");
    }
}
