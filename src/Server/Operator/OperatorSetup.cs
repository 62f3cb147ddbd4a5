using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.People;

namespace Sfera.Operator;

/// <summary>
/// Nothing is open on a fresh install: until an operator exists, each start prints a one-time link
/// (the token lives only in this process) through which the installer becomes the platform operator.
/// </summary>
public sealed class OperatorSetup(IServiceProvider services, ILogger<OperatorSetup> log)
{
    public string Token { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public async Task<bool> IsNeededAsync()
    {
        await using var scope = services.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<SferaDb>().Users.AnyAsync(a => a.IsOperator);
    }

    public bool Matches(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(Token));

    public void Announce(WebApplication app)
    {
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        log.LogInformation("Sfera is running at {Url}", url);
        if (!IsNeededAsync().GetAwaiter().GetResult()) return;
        log.LogWarning(
            "No platform operator yet. Open {Url}/setup?token={Token} to become the operator, or run: dotnet run --project src/Server -- create-operator --login <login> --password <password> --name \"<name>\"",
            url, Token);
    }

    /// <summary>create-operator --login L --password P [--name N] [--email E]</summary>
    public static async Task<int> RunCliAsync(IServiceProvider services, string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var login = Arg("--login")?.Trim().ToLowerInvariant();
        var password = Arg("--password");
        if (login is null || !Accounts.IsValidLogin(login) || !Accounts.IsStrongPassword(password))
        {
            await Console.Error.WriteLineAsync("Usage: create-operator --login <3-64 latin letters/digits> --password <8+ chars with a letter and a digit> [--name <name>] [--email <e-mail>]");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        if (await Accounts.IsTakenAsync(db, login, null, Arg("--email")))
        {
            await Console.Error.WriteLineAsync("That login or e-mail is taken.");
            return 1;
        }
        var account = await Accounts.CreateAsync(users, TimeProvider.System, Arg("--name") ?? login, login, null, Arg("--email"), password);
        account.IsOperator = true;
        await users.UpdateAsync(account);
        Console.WriteLine($"Operator '{login}' created. Sign in with it in the browser.");
        return 0;
    }
}
