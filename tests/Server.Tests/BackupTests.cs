using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Sfera.Chats;
using Sfera.Data;
using Sfera.Files;
using Sfera.Messages;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>The backup and restore commands of the server binary, run as an operator would run them.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_the_server_runs_restores_into_a_fresh_install_with_every_message_and_file()
    {
        var archive = Path.Combine(Path.GetTempPath(), "sfera-tests", $"backup-{Guid.NewGuid():N}.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        SchoolCast cast;
        Guid chatId;
        FileResponse file;
        var sent = new List<MessageResponse>();
        try
        {
            await using (var source = new SferaApp())
            {
                cast = await SchoolCast.CreateAsync(source);
                chatId = (await cast.ChatAsync(cast.ClassTeacher, ChatKind.Class, "5А")).Id;
                file = await Files.UploadAsync(cast, cast.ClassTeacher, bytes, "Контрольная.bin").Read<FileResponse>(HttpStatusCode.Created);
                sent.Add(await Files.PostAsync(cast, cast.ClassTeacher, chatId, "Задание на завтра", file.Id).Read<MessageResponse>(HttpStatusCode.Created));
                for (var i = 1; i <= 5; i++)
                    sent.Add(await cast.Student.Client.PostJsonAsync(cast.School.Url($"/chats/{chatId}/messages"), new SendMessageRequest(Guid.NewGuid().ToString(), $"Вопрос {i}"))
                        .Read<MessageResponse>(HttpStatusCode.Created));

                var backup = await RunCliAsync(source, "backup", archive);
                Assert.True(backup.Code == 0, backup.Output);
            }

            await using var target = new SferaApp();
            var restore = await RunCliAsync(target, "restore", archive);
            Assert.True(restore.Code == 0, restore.Output);
            var again = await RunCliAsync(target, "restore", archive);
            Assert.True(again.Code == 1, again.Output);
            Assert.Contains("--force", again.Output, StringComparison.Ordinal);
            var forced = await RunCliAsync(target, "restore", archive, "--force");
            Assert.True(forced.Code == 0, forced.Output);

            var classmate = await Cast.SignInAsync(target, cast.Classmate.Login, Cast.Password);
            var history = await classmate.GetJson<MessagePageResponse>(cast.School.Url($"/chats/{chatId}/messages"));
            foreach (var message in sent)
                Assert.Equal(message.Text, Assert.Single(history.Items, m => m.Id == message.Id).Text);
            var downloaded = await classmate.GetByteArrayAsync(file.Url);
            Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(downloaded));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    /// <summary>`dotnet Sfera.Server.dll backup|restore …` configured through the environment, as on a server.</summary>
    private static async Task<(int Code, string Output)> RunCliAsync(SferaApp app, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Sfera__DataDirectory"] = app.DataDirectory;
        if (app.DatabaseConnectionString is { } connection)
        {
            start.Environment["Database__Provider"] = "postgres";
            start.Environment["Database__ConnectionString"] = connection;
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
