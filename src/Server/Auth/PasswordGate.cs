using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sfera.Data;
using Sfera.Hosting;

namespace Sfera.Auth;

/// <summary>
/// Password hashing is deliberately slow (PBKDF2, ~100,000 rounds). A morning when a whole school signs in at once
/// would otherwise put every core to hashing and starve message delivery, so at most
/// Sfera:SignIn:MaxConcurrentHashes requests (default half the cores, at least one) hash at a time, at most
/// Sfera:SignIn:QueueLimit wait for a turn (without holding a thread), and the rest are told at once to come back:
/// 503 sign_in_busy with Retry-After.
/// </summary>
public sealed class PasswordGate : IDisposable
{
    /// <summary>Seconds a turned-away client is asked to wait: a few hashes' time, spread by the clients' own retries.</summary>
    public const int RetryAfterSeconds = 2;

    private static readonly AsyncLocal<bool> Inside = new();
    private readonly SemaphoreSlim turns;
    private readonly int queueLimit;
    private int waiting;

    public PasswordGate(int maxConcurrent, int queueLimit)
    {
        MaxConcurrent = Math.Max(1, maxConcurrent);
        this.queueLimit = Math.Max(0, queueLimit);
        turns = new SemaphoreSlim(MaxConcurrent, MaxConcurrent);
    }

    public int MaxConcurrent { get; }

    /// <summary>Requests waiting for a turn now (sfera.queue.depth{queue="password-hashing"}).</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>A turn, or false when the queue is full. The caller releases it with <see cref="Leave"/>.</summary>
    public async Task<bool> TryEnterAsync(CancellationToken ct)
    {
        if (turns.Wait(0, CancellationToken.None)) return true;
        if (Interlocked.Increment(ref waiting) > queueLimit)
        {
            Interlocked.Decrement(ref waiting);
            return false;
        }
        try
        {
            await turns.WaitAsync(ct);
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    public void Leave() => turns.Release();

    public void Dispose() => turns.Dispose();

    /// <summary>Runs <paramref name="hash"/> within a turn. Requests that went through <see cref="RequirePasswordTurn"/>
    /// hold one already; any other caller (the command line, a path that forgot the filter) waits for one here, so
    /// the limit holds for every hash in the process.</summary>
    internal T Hash<T>(Func<T> hash)
    {
        if (Inside.Value) return hash();
        turns.Wait();
        try
        {
            return hash();
        }
        finally
        {
            turns.Release();
        }
    }

    /// <summary>For every endpoint that checks or sets a password: the request takes a turn before its handler runs.</summary>
    public static TBuilder RequirePasswordTurn<TBuilder>(TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiErrors.Unavailable(
            "Too many people are signing in at this moment (the password-hashing queue is full): try again after `Retry-After` seconds.")).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var gate = http.RequestServices.GetRequiredService<PasswordGate>();
            if (!await gate.TryEnterAsync(http.RequestAborted))
            {
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.Status(StatusCodes.Status503ServiceUnavailable, "sign_in_busy");
            }
            Inside.Value = true;
            try
            {
                return await next(context);
            }
            finally
            {
                Inside.Value = false;
                gate.Leave();
            }
        });
}

/// <summary>Identity's hasher, every call within a <see cref="PasswordGate"/> turn.</summary>
public sealed class GatedPasswordHasher(PasswordGate gate, IOptions<PasswordHasherOptions> options) : PasswordHasher<Account>(options)
{
    public override string HashPassword(Account user, string password) => gate.Hash(() => base.HashPassword(user, password));

    public override PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword) =>
        gate.Hash(() => base.VerifyHashedPassword(user, hashedPassword, providedPassword));
}

public static class PasswordGateSetup
{
    public static IServiceCollection AddPasswordGate(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(sp =>
        {
            var gate = new PasswordGate(
                config.GetValue("Sfera:SignIn:MaxConcurrentHashes", Math.Max(1, Environment.ProcessorCount / 2)),
                config.GetValue("Sfera:SignIn:QueueLimit", 100));
            sp.GetRequiredService<Operations.SferaMetrics>().RegisterQueue("password-hashing", () => gate.Waiting);
            return gate;
        });
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<Account>, GatedPasswordHasher>());
        return services;
    }

    public static TBuilder RequirePasswordTurn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        PasswordGate.RequirePasswordTurn(builder);
}
