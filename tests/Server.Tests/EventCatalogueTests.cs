using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sfera.Realtime;

namespace Sfera.Tests;

/// <summary>
/// The web app's mirror of the hub's events (web/src/lib/events.ts) must match the server's catalogue
/// (Realtime/Events.cs): the same event names, each with a payload of the same fields. A renamed or added field
/// breaks this test rather than a person's screen.
/// </summary>
public sealed partial class EventCatalogueTests
{
    [GeneratedRegex(@"export interface (\w+) \{(.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex Interface();

    [GeneratedRegex(@"^\s*(\w+)\??:\s*([^\n]+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Field();

    private static Dictionary<string, Dictionary<string, string>> WebInterfaces()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sfera.slnx"))) root = Path.GetDirectoryName(root)!;
        var text = File.ReadAllText(Path.Combine(root, "web", "src", "lib", "events.ts"));
        return Interface().Matches(text).ToDictionary(m => m.Groups[1].Value, m =>
            Field().Matches(Regex.Replace(m.Groups[2].Value, @"/\*\*.*?\*/", "", RegexOptions.Singleline))
                .ToDictionary(f => f.Groups[1].Value, f => f.Groups[2].Value));
    }

    [Fact]
    public void The_web_app_knows_every_event_the_server_sends_with_the_same_fields()
    {
        var web = WebInterfaces();
        var methods = typeof(IChatClient).GetMethods();
        var server = methods.ToDictionary(m => m.Name, m => m.GetParameters().Single().ParameterType);
        Assert.Equal(server.Keys.Order(), web["ServerEvents"].Keys.Order());

        foreach (var (name, payload) in server)
        {
            var webPayload = web[web["ServerEvents"][name]];
            var fields = payload.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order();
            Assert.True(fields.SequenceEqual(webPayload.Keys.Order()),
                $"{name}: the server sends {payload.Name} {{{string.Join(", ", fields)}}}, the web app expects {{{string.Join(", ", webPayload.Keys.Order())}}}");
        }
    }
}
