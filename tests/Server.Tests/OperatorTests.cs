using System.Net;
using Sfera.Data;
using Sfera.Hosting;
using Sfera.Operator;
using Sfera.People;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class OperatorTests
{
    [Theory]
    [InlineData("7707083893", true)]   // a real organisation's INN
    [InlineData("7707083894", false)]  // last digit off
    [InlineData("500100732259", true)] // a valid 12-digit INN
    [InlineData("500100732258", false)]
    [InlineData("12345", false)]
    [InlineData("77070838a3", false)]
    public void Inn_check_digits_are_verified(string inn, bool valid) => Assert.Equal(valid, Inn.IsValid(inn));

    [Fact]
    public async Task An_application_with_bad_fields_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var app = SferaApp.Shared;
        var bad = Cast.Application("Школа") with { Inn = "7707083894", AdminPhone = "12", AdminEmail = "not-an-email", Region = " " };
        var problem = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", bad).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["adminEmail", "adminPhone", "inn", "region"], problem.Fields().Order());
        var op = await Cast.OperatorAsync(app);
        var pending = await op.GetJson<List<SchoolApplicationResponse>>("/api/v1/operator/applications?status=Pending");
        Assert.DoesNotContain(pending, a => a.Inn == "7707083894");
    }

    [Fact]
    public async Task The_first_run_set_up_link_works_once_and_only_with_its_token()
    {
        await using var app = new SferaApp();
        await app.Anonymous().PostJsonAsync("/api/v1/setup/operator", new OperatorSetupRequest("guess", "Злоумышленник", "hacker", Cast.Password))
            .Expect(HttpStatusCode.NotFound);
        await app.Anonymous().PostJsonAsync("/api/v1/setup/operator", new OperatorSetupRequest(app.SetupToken, "Оператор", "boss", Cast.Password))
            .Expect(HttpStatusCode.NoContent);
        await app.Anonymous().PostJsonAsync("/api/v1/setup/operator", new OperatorSetupRequest(app.SetupToken, "Второй", "boss2", Cast.Password))
            .Expect(HttpStatusCode.NotFound);
        var op = await Cast.SignInAsync(app, "boss", Cast.Password);
        Assert.True((await op.GetJson<MeResponse>("/api/v1/me")).IsOperator);
    }

    [Fact]
    public async Task Approving_an_application_mails_the_activation_link_to_the_applicant_over_smtp()
    {
        await using var app = new SferaApp(await MailDev.SettingsAsync());
        Assert.True((await app.Anonymous().GetJson<PublicSettingsResponse>("/api/v1/settings")).MailConfigured);
        var application = Cast.Application(Cast.Unique("Лицей"));
        var created = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", application).Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        var op = await Cast.OperatorAsync(app);
        var approved = await op.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Read<ApproveResponse>();
        Assert.True(approved.MailSent, "the SMTP server did not take the letter");

        var letter = Assert.Single(await MailDev.LettersToAsync(application.AdminEmail));
        Assert.Contains(application.ShortName, letter.Subject, StringComparison.Ordinal);
        Assert.Contains(approved.ActivationUrl!, letter.Text, StringComparison.Ordinal);
        // The link in the letter works: the applicant sets a password and signs in.
        var code = new Uri(approved.ActivationUrl!).Query.Split("code=")[1];
        await app.Anonymous().PostJsonAsync("/api/v1/auth/activate", new Sfera.Auth.ActivateRequest(code, Cast.Password)).Expect(HttpStatusCode.OK);
        await Cast.SignInAsync(app, approved.AdminLogin!, Cast.Password);
    }

    [Fact]
    public async Task Without_smtp_nobody_is_promised_a_letter()
    {
        var app = SferaApp.Shared;
        Assert.False((await app.Anonymous().GetJson<PublicSettingsResponse>("/api/v1/settings")).MailConfigured);
        var created = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", Cast.Application(Cast.Unique("Школа")))
            .Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        var op = await Cast.OperatorAsync(app);
        var approved = await op.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Read<ApproveResponse>();
        Assert.Equal((false, false), (approved.MailConfigured, approved.MailSent));
        Assert.NotNull(approved.ActivationUrl);
    }

    [Fact]
    public async Task A_set_up_link_is_checked_before_its_form_is_shown()
    {
        await using var app = new SferaApp();
        await app.Anonymous().GetAsync("/api/v1/setup/operator/guess").Expect(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync($"/api/v1/setup/operator/{app.SetupToken}").Expect(HttpStatusCode.NoContent);
        await app.Anonymous().PostJsonAsync("/api/v1/setup/operator", new OperatorSetupRequest(app.SetupToken, "Оператор", "boss", Cast.Password))
            .Expect(HttpStatusCode.NoContent);
        // Used: the page says so instead of showing a form that would refuse.
        var used = await app.Anonymous().GetAsync($"/api/v1/setup/operator/{app.SetupToken}").Problem(HttpStatusCode.NotFound);
        Assert.Contains("недействительна", used.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_rejects_an_application_and_no_school_appears()
    {
        var app = SferaApp.Shared;
        var created = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", Cast.Application(Cast.Unique("Школа")))
            .Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        var op = await Cast.OperatorAsync(app);
        await op.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/reject", new RejectRequest("Не школа")).Expect(HttpStatusCode.NoContent);
        var all = await op.GetJson<List<SchoolApplicationResponse>>("/api/v1/operator/applications");
        var rejected = Assert.Single(all, a => a.Id == created.Id);
        Assert.Equal((ApplicationStatus.Rejected, "Не школа", (Guid?)null), (rejected.Status, rejected.RejectionReason, rejected.SchoolId));
        await op.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_the_operator_sees_and_decides_applications()
    {
        var app = SferaApp.Shared;
        var school = await Cast.CreateSchoolAsync(app);
        var created = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", Cast.Application(Cast.Unique("Школа")))
            .Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        await school.Admin.Client.GetAsync("/api/v1/operator/applications").Expect(HttpStatusCode.Forbidden);
        await school.Admin.Client.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Expect(HttpStatusCode.Forbidden);
        await app.Anonymous().GetAsync("/api/v1/operator/applications").Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_applicant_with_an_existing_account_is_invited_to_the_new_school_and_keeps_the_account()
    {
        var app = SferaApp.Shared;
        var first = await Cast.CreateSchoolAsync(app);
        var me = await first.Admin.Client.GetJson<MeResponse>("/api/v1/me");
        var application = Cast.Application(Cast.Unique("Гимназия")) with { AdminEmail = me.Email!, AdminPhone = me.Phone! };
        var created = await app.Anonymous().PostJsonAsync("/api/v1/school-applications", application).Read<SchoolApplicationCreated>(HttpStatusCode.Created);
        var op = await Cast.OperatorAsync(app);
        var listed = (await op.GetJson<List<SchoolApplicationResponse>>("/api/v1/operator/applications")).Single(a => a.Id == created.Id);
        Assert.True(listed.ExistingAccount);

        var approved = await op.PostJsonAsync($"/api/v1/operator/applications/{created.Id}/approve").Read<ApproveResponse>();
        Assert.Equal((null, null, true), (approved.AdminLogin, approved.ActivationUrl, approved.InvitedExistingAccount));
        Assert.Equal([first.Id], (await first.Admin.Client.GetJson<MeResponse>("/api/v1/me")).Memberships.Select(m => m.SchoolId));

        var invitation = Assert.Single(await first.Admin.Client.GetJson<List<MyInvitationResponse>>("/api/v1/me/invitations"));
        Assert.Equal((approved.SchoolId, Role.Admin), (invitation.SchoolId, invitation.Role));
        await first.Admin.Client.PostJsonAsync($"/api/v1/me/invitations/{invitation.Id}/accept").Expect(HttpStatusCode.NoContent);
        var schools = (await first.Admin.Client.GetJson<MeResponse>("/api/v1/me")).Memberships.Select(m => m.SchoolId).Order().ToList();
        Assert.Equal(new[] { first.Id, approved.SchoolId }.Order().ToList(), schools);
        Assert.Empty(await first.Admin.Client.GetJson<List<MyInvitationResponse>>("/api/v1/me/invitations"));
    }

    [Fact]
    public async Task The_operator_sees_schools_storage_and_gives_one_school_its_own_quota()
    {
        await using var app = new SferaApp(new() { ["Files:SchoolQuotaBytes"] = "10000" });
        var school = await Cast.CreateSchoolAsync(app);
        var op = await Cast.OperatorAsync(app);
        var content = new ByteArrayContent(new byte[6000]);
        await school.Admin.Client.PostAsync(school.Url("/files?name=a.bin"), content).Expect(HttpStatusCode.Created);

        var listed = (await op.GetJson<List<OperatorSchoolResponse>>("/api/v1/operator/schools")).Single(s => s.Id == school.Id);
        Assert.Equal((6000L, 10000L, true, 1), (listed.StorageUsedBytes, listed.StorageQuotaBytes, listed.QuotaIsDefault, listed.People));
        await school.Admin.Client.PostAsync(school.Url("/files?name=b.bin"), new ByteArrayContent(new byte[6000])).Expect(HttpStatusCode.RequestEntityTooLarge);

        var raised = await op.PutJsonAsync($"/api/v1/operator/schools/{school.Id}/quota", new QuotaRequest(20000)).Read<OperatorSchoolResponse>();
        Assert.Equal((20000L, false), (raised.StorageQuotaBytes, raised.QuotaIsDefault));
        await school.Admin.Client.PostAsync(school.Url("/files?name=b.bin"), new ByteArrayContent(new byte[6000])).Expect(HttpStatusCode.Created);
        Assert.Equal(20000, (await school.Admin.Client.GetJson<Sfera.Files.StorageResponse>(school.Url("/files/storage"))).QuotaBytes);

        var bad = await op.PutJsonAsync($"/api/v1/operator/schools/{school.Id}/quota", new QuotaRequest(-1)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(["quotaBytes"], bad.Fields());
        await op.PutJsonAsync($"/api/v1/operator/schools/{Guid.NewGuid()}/quota", new QuotaRequest(1)).Expect(HttpStatusCode.NotFound);
        await school.Admin.Client.PutJsonAsync($"/api/v1/operator/schools/{school.Id}/quota", new QuotaRequest(1L << 40)).Expect(HttpStatusCode.Forbidden);
        var reset = await op.PutJsonAsync($"/api/v1/operator/schools/{school.Id}/quota", new QuotaRequest(null)).Read<OperatorSchoolResponse>();
        Assert.Equal((10000L, true), (reset.StorageQuotaBytes, reset.QuotaIsDefault));
    }
}
