using System.Net;
using Sfera.Files;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>Uploads scanned by a real clamd, started here with a signature database of our own.</summary>
public sealed class ScanTests
{
    private static async Task<SferaApp> AppScanningWithAsync(int port) => await Task.FromResult(new SferaApp(new()
    {
        ["Files:ClamAv:Enabled"] = "true",
        ["Files:ClamAv:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Files:ClamAv:TimeoutSeconds"] = "20",
    }));

    [Fact]
    public async Task An_infected_file_is_refused_and_a_clean_one_delivered()
    {
        await using var clamd = await Clamd.StartAsync();
        await using var app = await AppScanningWithAsync(clamd.Port);
        var cast = await SchoolCast.CreateAsync(app);

        var infected = await Files.UploadAsync(cast, cast.Student, Clamd.Eicar, "реферат.docx").Problem((HttpStatusCode)422);
        Assert.Equal("https://sfera.local/problems/file-infected", infected.GetProperty("type").GetString());
        Assert.Equal("В файле найден вирус, он не загружен.", infected.GetProperty("title").GetString());
        Assert.Equal("Sfera.Test.EICAR.UNOFFICIAL", infected.GetProperty("signature").GetString());

        var clean = await Files.UploadAsync(cast, cast.Student, "Реферат по истории"u8.ToArray(), "реферат.txt").Read<FileResponse>(HttpStatusCode.Created);
        await cast.Student.Client.GetAsync(clean.Url).Expect(HttpStatusCode.OK);
        var storage = await cast.Student.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"));
        Assert.Equal(clean.Size, storage.UsedBytes); // the infected upload used nothing
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "files"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task With_the_scanner_down_uploads_fail_closed()
    {
        var clamd = await Clamd.StartAsync();
        await using var app = await AppScanningWithAsync(clamd.Port);
        var cast = await SchoolCast.CreateAsync(app);
        await Files.UploadAsync(cast, cast.Student, "до остановки"u8.ToArray(), "a.txt").Expect(HttpStatusCode.Created);

        await clamd.DisposeAsync();
        var refused = await Files.UploadAsync(cast, cast.Student, "после остановки"u8.ToArray(), "b.txt").Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("https://sfera.local/problems/scanner-unavailable", refused.GetProperty("type").GetString());
        Assert.Contains("не загружен", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        var storage = await cast.Student.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"));
        Assert.Equal("до остановки"u8.Length, storage.UsedBytes);
    }
}
