using Sfera.Auth;
using Sfera.Operator;

namespace Sfera.Hosting;

/// <summary>What the web app needs to know about the install before anyone signs in.</summary>
/// <summary>SignInProviders: the external providers configured (none: no button anywhere).</summary>
public sealed record PublicSettingsResponse(bool MailConfigured, List<SignInProviderResponse> SignInProviders);

public static class PublicSettingsApi
{
    public static void MapPublicSettings(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/settings", (IMailSender mail, ExternalProviders providers) =>
                TypedResults.Ok(new PublicSettingsResponse(mail.IsConfigured, ExternalSignInApi.Describe(providers))))
            .WithTags("Health").AllowAnonymous()
            .WithSummary("Install settings the web app shows: whether e-mail is sent (else no page promises a letter), and the external sign-in providers.");
}
