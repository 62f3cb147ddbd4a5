using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sfera.Data;
using Sfera.Operator;
using Sfera.Tests.Infrastructure;

namespace Sfera.Tests;

public sealed class SafetyNetTests
{
    private readonly SferaApp app = SferaApp.Shared;

    [Fact]
    public async Task Once_a_request_is_scoped_to_a_school_other_schools_rows_are_invisible()
    {
        var mine = await SchoolCast.CreateAsync(app);
        var theirs = await SchoolCast.CreateAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        db.SchoolScope = mine.School.Id;

        // Even a query that forgets to filter by school sees only the scoped school.
        Assert.Null(await db.Classes.FirstOrDefaultAsync(c => c.Id == theirs.Class5A.Id));
        Assert.Null(await db.Schools.FirstOrDefaultAsync(s => s.Id == theirs.School.Id));
        Assert.False(await db.Memberships.AnyAsync(m => m.SchoolId == theirs.School.Id));
        Assert.False(await db.GuardianLinks.AnyAsync(g => g.SchoolId == theirs.School.Id));
        Assert.NotNull(await db.Classes.FirstOrDefaultAsync(c => c.Id == mine.Class5A.Id));
    }

    [Fact]
    public void Every_entity_that_belongs_to_a_school_is_filtered_to_the_requests_school()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SferaDb>();
        // A required SchoolId marks a school's row (an application's optional one is the operator's business).
        var unfiltered = db.Model.GetEntityTypes()
            .Where(t => t.FindProperty("SchoolId") is { IsNullable: false } && t.GetDeclaredQueryFilters().Count == 0)
            .Select(t => t.ClrType.Name).ToList();
        Assert.Empty(unfiltered);
    }

    [Fact]
    public async Task The_operator_can_be_created_from_the_command_line()
    {
        await using var fresh = new SferaApp();
        Assert.Equal(2, await OperatorSetup.RunCliAsync(fresh.Services, ["--login", "x"]));
        Assert.Equal(0, await OperatorSetup.RunCliAsync(fresh.Services, ["--login", "cli.boss", "--password", Cast.Password, "--name", "Главный"]));
        Assert.Equal(1, await OperatorSetup.RunCliAsync(fresh.Services, ["--login", "cli.boss", "--password", Cast.Password]));
        var op = await Cast.SignInAsync(fresh, "cli.boss", Cast.Password);
        Assert.True((await op.GetJson<Sfera.People.MeResponse>("/api/v1/me")).IsOperator);
        Assert.False(await fresh.Services.GetRequiredService<OperatorSetup>().IsNeededAsync());
    }
}
