using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sfera.Auth;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

/// <summary>A morning when everyone signs in at once: password hashing takes turns, and who cannot wait is told to
/// come back instead of piling onto the cores that deliver messages.</summary>
public sealed class SignInStormTests
{
    [Fact]
    public async Task With_one_turn_and_no_queue_concurrent_sign_ins_are_turned_away_with_retry_after_and_the_rest_succeed()
    {
        await using var app = new SferaApp(new() { ["Sfera:SignIn:MaxConcurrentHashes"] = "1", ["Sfera:SignIn:QueueLimit"] = "0" });
        var school = await Cast.CreateSchoolAsync(app);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            app.Anonymous("en").PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password))));
        var busy = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(busy);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var answer in busy)
        {
            Assert.Equal(TimeSpan.FromSeconds(PasswordGate.RetryAfterSeconds), answer.Headers.RetryAfter?.Delta);
            var problem = await Task.FromResult(answer).Problem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("https://sfera.local/problems/sign-in-busy", problem.GetProperty("type").GetString());
            Assert.StartsWith("Very many people", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        // Once the storm is over, signing in works as ever; a wrong password is still just wrong.
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password)).Expect(HttpStatusCode.OK);
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, "Wrong-pass-1")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Activating_and_changing_a_password_take_turns_too()
    {
        await using var app = new SferaApp(new() { ["Sfera:SignIn:MaxConcurrentHashes"] = "1", ["Sfera:SignIn:QueueLimit"] = "0" });
        var school = await Cast.CreateSchoolAsync(app);
        var gate = app.Services.GetRequiredService<PasswordGate>();
        // The only turn is taken (as by a sign-in hashing now): every password path is turned away, not queued.
        Assert.True(await gate.TryEnterAsync(CancellationToken.None));
        try
        {
            await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest("0000-0000-0000", Cast.Password)).Problem(HttpStatusCode.ServiceUnavailable);
            await school.Admin.Client.PostJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest(Cast.Password, "Another-pass-2"))
                .Problem(HttpStatusCode.ServiceUnavailable);
            await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(school.Admin.Login, Cast.Password)).Problem(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            gate.Leave();
        }
        await school.Admin.Client.PostJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest(Cast.Password, "Another-pass-2"))
            .Expect(HttpStatusCode.NoContent);
    }
}
