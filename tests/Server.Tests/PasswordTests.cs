using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sfera.Auth;
using Sfera.Data;
using Sfera.Operator;
using Sfera.People;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class PasswordTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task The_most_common_passwords_are_refused_at_activation_and_change()
    {
        var school = await Cast.CreateSchoolAsync(app);
        var added = await school.Admin.Client.PostJsonAsync(school.Url("/people"), new AddPersonRequest("Учитель Простой", Role.Teacher, null, null, null))
            .Read<AddPersonResponse>(HttpStatusCode.Created);
        foreach (var common in new[] { "password1", "qwerty123", "Password1" })
        {
            var problem = await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, common))
                .Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["password"], problem.Fields());
        }
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new ActivateRequest(added.ActivationCode!, Cast.Password)).Expect(HttpStatusCode.OK);

        var teacher = await Cast.SignInAsync(app, added.Person!.Login!, Cast.Password);
        foreach (var common in new[] { "password1", "QWERTY123" })
        {
            var problem = await teacher.PostJsonAsync("/api/v1/auth/change-password", new ChangePasswordRequest(Cast.Password, common))
                .Problem(HttpStatusCode.BadRequest);
            Assert.Equal(["newPassword"], problem.Fields());
        }
        await app.Anonymous().PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(added.Person.Login!, "password1")).Expect(HttpStatusCode.Unauthorized);
    }

    /// <summary>Identity's password hasher with a count of the checks it made.</summary>
    private sealed class CountingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> inner = new();
        public int Verifications;

        public string HashPassword(Account user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_unknown_login_costs_a_password_check_like_a_real_one()
    {
        // No timed assertion: the work that takes the time (checking a password hash) is counted instead.
        var hasher = new CountingHasher();
        await using var plain = new SferaApp();
        await using var counted = plain.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<IPasswordHasher<Account>>(hasher))));
        var client = counted.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = Cast.Unique("operator");
        await client.PostJsonAsync("/api/v1/setup/operator",
            new OperatorSetupRequest(counted.Services.GetRequiredService<OperatorSetup>().Token, "Оператор Платформы", login, Cast.Password))
            .Expect(HttpStatusCode.NoContent);

        foreach (var who in new[] { login, Cast.Unique("nobody") })
        {
            var before = hasher.Verifications;
            var problem = await client.PostJsonAsync("/api/v1/auth/sign-in", new SignInRequest(who, "Wrong-pass-1")).Problem(HttpStatusCode.Unauthorized);
            Assert.Equal(1, hasher.Verifications - before);
            Assert.Equal("Неверный логин или пароль.", problem.GetProperty("title").GetString());
        }
    }
}
