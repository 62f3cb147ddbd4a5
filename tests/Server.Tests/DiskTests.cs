using System.Diagnostics;
using System.Net;
using Sfera.Files;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>What people and operators see when the disk fails Sfera: full, or not writable at all.</summary>
public sealed class DiskTests
{
    [Fact]
    public async Task An_upload_onto_a_full_disk_gets_a_clear_507_and_leaves_nothing_behind()
    {
        // A real full disk: a 1 MiB tmpfs for the file store (the tests run as root, as the test command requires).
        var folder = Path.Combine(Path.GetTempPath(), "sfera-tests", "full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Assert.True(Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder) == 0, $"could not mount a tmpfs at {folder} (needs root)");
        try
        {
            await using var app = new SferaApp(new() { ["Files:LocalPath"] = folder });
            var cast = await SchoolCast.CreateAsync(app);
            var problem = await Files.UploadAsync(cast, cast.Student, FileTests.RandomBytes(3 * 1024 * 1024, 28), "реферат.bin")
                .Problem(HttpStatusCode.InsufficientStorage);
            Assert.Contains("закончилось место", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(folder, "*", SearchOption.AllDirectories));
            Assert.Equal(0, (await cast.Student.Client.GetJson<StorageResponse>(cast.School.Url("/files/storage"))).UsedBytes);

            // The space is free again for a file that fits.
            await Files.UploadAsync(cast, cast.Student, FileTests.RandomBytes(100_000, 29), "маленький.bin").Expect(HttpStatusCode.Created);
        }
        finally
        {
            Run("umount", folder);
            Directory.Delete(folder);
        }
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_written_stops_start_up_with_a_message_naming_it()
    {
        // Root may write anywhere chmod forbids; nobody can create a folder inside a regular file.
        var file = Path.GetTempFileName();
        var data = Path.Combine(file, "data");
        try
        {
            await using var app = new SferaApp(new() { ["Sfera:DataDirectory"] = data });
            var failure = Assert.ThrowsAny<Exception>(() => app.Server);
            var messages = string.Join(" | ", Chain(failure).Select(e => e.Message));
            Assert.Contains(data, messages, StringComparison.Ordinal);
            Assert.Contains("Sfera:DataDirectory", messages, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }

    private static int Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
