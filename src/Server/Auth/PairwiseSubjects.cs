using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.Auth;

/// <summary>
/// The only thing kept of an external identity besides its issuer: HMAC-SHA256 of issuer and subject under a key of
/// this install's (ExternalSignIn:SubjectSalt, else generated once and stored in the database, shared by every node).
/// The same external account gives another hash on another install, and without the key a hash cannot be tried
/// against known subjects.
/// </summary>
public sealed class PairwiseSubjects(IConfiguration config, IServiceScopeFactory scopes) : IDisposable
{
    private const string SecretName = "external.subject-salt";
    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? key;

    public void Dispose() => gate.Dispose();

    public async Task<string> HashAsync(string issuer, string subject)
    {
        var salt = await KeyAsync();
        var mac = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(issuer + "\n" + subject));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private async Task<byte[]> KeyAsync()
    {
        if (key is { } known) return known;
        await gate.WaitAsync();
        try
        {
            if (key is { } again) return again;
            var configured = config["ExternalSignIn:SubjectSalt"];
            key = !string.IsNullOrEmpty(configured) ? Encoding.UTF8.GetBytes(configured) : await StoredAsync();
            return key;
        }
        finally { gate.Release(); }
    }

    private async Task<byte[]> StoredAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        for (var attempt = 0; ; attempt++)
        {
            var stored = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).FirstOrDefaultAsync();
            if (stored is not null) return Convert.FromBase64String(stored);
            var fresh = RandomNumberGenerator.GetBytes(32);
            db.ServerSecrets.Add(new ServerSecret { Name = SecretName, Value = Convert.ToBase64String(fresh) });
            try
            {
                await db.SaveChangesAsync();
                return fresh;
            }
            // Another node stored its key first: use that one.
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
