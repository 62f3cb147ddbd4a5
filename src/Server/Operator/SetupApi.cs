using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.People;

namespace Sfera.Operator;

public sealed record OperatorSetupRequest(string Token, string DisplayName, string Login, string Password, string? Email = null);

public static class SetupApi
{
    public static void MapOperatorSetup(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/setup/operator", CreateOperator).WithTags("Operator").AllowAnonymous()
            .WithSummary("Creates the platform operator with the one-time set-up token.")
            .RequireRateLimiting(AuthApi.SignInRateLimit).RequirePasswordTurn();
        // So the set-up page can say "this link is used" before asking for a name and a password.
        routes.MapGet("/api/v1/setup/operator/{token}", Check).WithTags("Operator").AllowAnonymous()
            .RequireRateLimiting(AuthApi.SignInRateLimit)
            .WithSummary("204 while the set-up link is usable; 404 setup_token when it is wrong or already used.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Check(string token, OperatorSetup setup) =>
        setup.Matches(token) && await setup.IsNeededAsync() ? TypedResults.NoContent() : Problems.Status(404, "setup_token");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> CreateOperator(
        OperatorSetupRequest request, OperatorSetup setup, SferaDb db, SignInManager<Account> signIn, TimeProvider clock)
    {
        if (!setup.Matches(request.Token) || !await setup.IsNeededAsync()) return Problems.Status(404, "setup_token");
        var login = request.Login?.Trim().ToLowerInvariant() ?? "";
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var v = new Validator()
            .DisplayName(request.DisplayName, "displayName")
            .Check(Accounts.IsValidLogin(login), "login", "login")
            .Check(email is null || Accounts.IsValidEmail(email), "email", "email")
            .Check(Accounts.IsStrongPassword(request.Password), "password", "password");
        if (!v.IsValid) return v.Problem();
        if (await Accounts.IsTakenAsync(db, login, null, email)) return Problems.Field("login", "login_taken");

        var account = await Accounts.CreateAsync(signIn.UserManager, clock, request.DisplayName, login, null, email, request.Password);
        account.IsOperator = true;
        await signIn.UserManager.UpdateAsync(account);
        await signIn.SignInAsync(account, isPersistent: true);
        return TypedResults.NoContent();
    }
}
