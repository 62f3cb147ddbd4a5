using System.Text.Json;
using System.Text.Json.Nodes;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>
/// The web app's types are generated from web/src/lib/openapi.json (web/scripts/api-types.mjs). That file must be
/// what the server serves, so a changed record shows up as a failing test here and then as a type error in the web
/// app. After changing the API: <c>SFERA_UPDATE_OPENAPI=1 dotnet test tests/Server.Tests --filter OpenApiDocumentTests</c>.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task The_web_apps_copy_of_the_openapi_document_is_the_servers()
    {
        var served = JsonNode.Parse(await SferaApp.Shared.Anonymous().GetStringAsync("/openapi/v1.json"))!.AsObject();
        served.Remove("servers"); // the test host's address, not part of the API
        var text = served.ToJsonString(Indented) + "\n";

        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sfera.slnx"))) root = Path.GetDirectoryName(root)!;
        var copy = Path.Combine(root, "web", "src", "lib", "openapi.json");
        if (Environment.GetEnvironmentVariable("SFERA_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(copy, text);

        Assert.True(File.Exists(copy) && await File.ReadAllTextAsync(copy) == text,
            "web/src/lib/openapi.json differs from the server's /openapi/v1.json: run SFERA_UPDATE_OPENAPI=1 dotnet test tests/Server.Tests --filter OpenApiDocumentTests, then npm run build in web/");
    }
}
