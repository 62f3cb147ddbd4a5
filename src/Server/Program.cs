using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Sfera.Auth;
using Sfera.Calls;
using Sfera.Calls.Janus;
using Sfera.Chats;
using Sfera.Classes;
using Sfera.Data;
using Sfera.Files;
using Sfera.Hosting;
using Sfera.Invites;
using Sfera.Messages;
using Sfera.Moderation;
using Sfera.Notifications;
using Sfera.Operations;
using Sfera.Operator;
using Sfera.People;
using Sfera.Polls;
using Sfera.Realtime;
using Sfera.Roster;
using Sfera.Schools;

var builder = WebApplication.CreateBuilder(args);
DataFolder.EnsureWritable(builder.Configuration, builder.Environment.ContentRootPath);
// The web app's precompressed files (Hosting/WebApp.cs) are found through the build's manifest in every environment,
// not only Development (the tests run as "Testing"); a published app has none and reads them from its wwwroot.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSferaDb(builder.Configuration, builder.Environment.ContentRootPath);
// Cookie and token keys live in the database: they survive a restart or a new container, and every node reads the same.
builder.Services.AddDataProtection().SetApplicationName("Sfera").PersistKeysToDbContext<SferaDb>();
builder.Services.AddSferaAuth();
builder.Services.AddSferaExternalSignIn(builder.Configuration);
builder.Services.AddPasswordGate(builder.Configuration);
builder.Services.AddSferaProxies(builder.Configuration);
builder.Services.AddSferaRateLimits(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DiskFullHandler>();
builder.Services.AddOpenApi(o => o.AddErrorDescriptions());
builder.Services.AddSingleton<OperatorSetup>();
builder.Services.AddSferaMail(builder.Configuration);
builder.Services.AddSferaRealtime(builder.Configuration);
builder.Services.AddSferaMetrics();
builder.Services.AddScoped<Outbox>();
builder.Services.AddScoped<ChatRoster>();
builder.Services.AddScoped<SendMessage>();
builder.Services.AddSingleton<MessageWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());
builder.Services.AddSingleton<BallotKey>();
builder.Services.Configure<PushOptions>(builder.Configuration.GetSection("Push"));
builder.Services.AddSingleton<VapidKeys>();
builder.Services.AddHttpClient(nameof(PushDispatcher));
builder.Services.AddSingleton<PushDispatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<PushDispatcher>());
builder.Services.AddScoped<CallService>();
builder.Services.AddSingleton<IceServers>();
builder.Services.AddHostedService<CallSweeper>();
builder.Services.AddSingleton<GroupMedia>();
builder.Services.AddHostedService<GroupMediaNotices>();
builder.Services.AddSferaFiles(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddJanus(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    // Numbers are numbers: no "42" for 42 (the web defaults allow it), so the OpenAPI document says plainly "integer".
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
});

var app = builder.Build();

if (args.FirstOrDefault() == "create-operator")
{
    await Database.MigrateAsync(app.Services);
    Environment.ExitCode = await OperatorSetup.RunCliAsync(app.Services, args[1..]);
    return;
}
if (args.FirstOrDefault() == "seed-load")
{
    await Database.MigrateAsync(app.Services);
    Environment.ExitCode = await Sfera.LoadTest.SeedLoad.RunCliAsync(app.Services, args[1..]);
    return;
}

// Before migrating: a backup copies what is there, and a restore wants the database empty.
if (args.FirstOrDefault() is "backup" or "restore")
{
    Environment.ExitCode = await Backup.RunCliAsync(app.Services, args);
    return;
}

await Database.MigrateAsync(app.Services);

app.UseSferaProxies();
// Before the exception handler, so that the problems it writes speak the caller's language too.
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("ru"),
    SupportedCultures = [new CultureInfo("ru"), new CultureInfo("en")],
    SupportedUICultures = [new CultureInfo("ru"), new CultureInfo("en")],
});
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebApp();
app.UseHubOrigin();
app.UseAuthentication();
CurrentUser.UseCurrentUser(app);
app.UseCsrfGuard();
app.UseRateLimiter();
app.UseAuthorization();
Outbox.UseOutbox(app);

app.MapOpenApi("/openapi/{documentName}.json");
app.UseSwaggerUI(o =>
{
    o.RoutePrefix = "api/docs";
    o.SwaggerEndpoint("/openapi/v1.json", "Sfera API v1");
});
app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").AllowAnonymous()
    .WithSummary("Answers ok while the server runs (for load balancers and monitoring).");
app.MapReadiness();
app.MapSferaMetrics();
app.MapPublicSettings();
app.MapAuth();
app.MapExternalSignIn();
app.MapOperator();
app.MapApplications();
app.MapOperatorSchools();
app.MapMe();
app.MapSchools();
app.MapClasses();
app.MapPeople();
app.MapInvitations();
app.MapGuardians();
app.MapInvites();
app.MapJoin();
app.MapJoinRequests();
app.MapWaiting();
app.MapRoster();
app.MapChats();
app.MapMessages();
app.MapMessageActions();
app.MapSearch();
app.MapFiles();
app.MapPolls();
app.MapCalls();
app.MapGuestCalls();
app.MapModeration();
app.MapReports();
app.MapAudit();
app.MapNotifications();
app.MapHub<ChatHub>(ChatHub.Path);
app.MapWebAppFallback();

app.Lifetime.ApplicationStarted.Register(() =>
{
    app.Services.GetRequiredService<OperatorSetup>().Announce(app);
    PublicUrl.WarnIfUnset(app);
});

await app.RunAsync();

/// <summary>Visible to the test host.</summary>
public partial class Program;
