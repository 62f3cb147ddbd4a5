using Sfera.Operator;

namespace Sfera.Hosting;

/// <summary>What the web app needs to know about the install before anyone signs in.</summary>
public sealed record PublicSettingsResponse(bool MailConfigured);

public static class PublicSettingsApi
{
    public static void MapPublicSettings(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/settings", (IMailSender mail) => TypedResults.Ok(new PublicSettingsResponse(mail.IsConfigured)))
            .WithTags("Health").AllowAnonymous()
            .WithSummary("Install settings the web app shows: whether e-mail is sent (else no page promises a letter).");
}
