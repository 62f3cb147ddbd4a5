using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;
using Sfera.Hosting;
using StackExchange.Redis;

namespace Sfera.Operations;

/// <summary>Checks: "ok" or "failed" by name: "database", and "redis" only when this install uses Redis.</summary>
public sealed record ReadinessResponse(string Status, Dictionary<string, string> Checks);

/// <summary>
/// /health/ready: whether this node can do its work now, for a load balancer or an orchestrator to route by. It asks
/// the database a trivial query and, when several nodes share Redis, pings it; /health stays a plain liveness check.
/// </summary>
public static class Readiness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static void MapReadiness(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/health/ready", Check).WithTags("Health").AllowAnonymous()
            .WithSummary("Answers ready when the database (and Redis, when configured) answers; 503 naming the failing check otherwise.")
            .WithDescription("`checks` holds \"ok\" or \"failed\" for `database` and, when nodes share Redis, `redis`.")
            .WithMetadata(new OpenApiErrors.Unavailable("Not ready: a problem (`not_ready`) whose `checks` name the check that failed."));

    private static async Task<Results<Ok<ReadinessResponse>, ProblemHttpResult>> Check(
        SferaDb db, IServiceProvider services, ILogger<ReadinessResponse> log, CancellationToken ct)
    {
        var checks = new Dictionary<string, string>
        {
            ["database"] = await ProbeAsync("database", log, async token => await db.Database.ExecuteSqlRawAsync("SELECT 1", token)),
        };
        if (services.GetService<IConnectionMultiplexer>() is { } redis)
            checks["redis"] = await ProbeAsync("redis", log, _ => redis.GetDatabase().PingAsync());
        if (checks.Values.All(c => c == "ok")) return TypedResults.Ok(new ReadinessResponse("ready", checks));
        return Problems.Status(StatusCodes.Status503ServiceUnavailable, "not_ready", new Dictionary<string, object?> { ["checks"] = checks });

        async Task<string> ProbeAsync(string name, ILogger log, Func<CancellationToken, Task> probe)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            try
            {
                await probe(timeout.Token).WaitAsync(timeout.Token);
                return "ok";
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Readiness: the {Check} check failed", name);
                return "failed";
            }
        }
    }
}
