using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Sfera.Hosting;

/// <summary>
/// Says in the OpenAPI document what each error an operation can answer means. The rules are the same everywhere
/// (every error is an RFC 9457 problem), so they are written once here rather than on each endpoint.
/// </summary>
public static class OpenApiErrors
{
    private const string Validation = "Validation problem: `errors` names each refused field with a message in the caller's language (Accept-Language: ru, en).";
    private const string Unauthorized = "Not signed in, or the session has ended (signed out, password changed, refresh token reused).";
    private const string Forbidden = "Signed in and allowed to see this, but without the right to do it; the problem's `title` says why. In a chat the contact policy no longer allows, `restriction` names the reason.";
    private const string NotFound = "Does not exist, or is not the caller's to see (another school, a chat they are not in, a person the contact policy hides): the two are deliberately the same answer.";
    private const string TooMany = "A rate limit was reached (per client address for sign-in and links, per person for messages, search and uploads); `Retry-After` says when to try again.";

    public static OpenApiOptions AddErrorDescriptions(this OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        var endpoint = context.Description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (context.Description.RelativePath ?? "");
        var anonymous = endpoint.OfType<IAllowAnonymous>().Any();
        var authorized = !anonymous && endpoint.OfType<IAuthorizeData>().Any();
        var input = operation.RequestBody is not null || (operation.Parameters ?? []).Any(p => p.In is ParameterLocation.Query);

        if (input) Describe(operation, "400", Validation);
        if (authorized) Describe(operation, "401", Unauthorized);
        if (authorized && (path.StartsWith("/api/v1/schools/", StringComparison.Ordinal) || path.StartsWith("/api/v1/operator", StringComparison.Ordinal)))
            Describe(operation, "403", Forbidden);
        if (path.Contains('{', StringComparison.Ordinal)) Describe(operation, "404", NotFound);
        if (endpoint.OfType<EnableRateLimitingAttribute>().Any()) Describe(operation, "429", TooMany);
        if (endpoint.OfType<Unavailable>().LastOrDefault() is { } unavailable) Describe(operation, "503", unavailable.Description);
        return Task.CompletedTask;
    });

    /// <summary>Endpoint metadata: what a 503 problem from this endpoint means.</summary>
    public sealed record Unavailable(string Description);

    private static void Describe(OpenApiOperation operation, string status, string description)
    {
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue(status, out var existing) && existing is OpenApiResponse response)
            response.Description = description;
        else
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            };
    }
}
