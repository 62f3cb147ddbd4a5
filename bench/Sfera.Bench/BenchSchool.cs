using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Sfera.Bench;

public sealed record BenchPerson(Guid AccountId, string Login, string Token, HttpClient Http);

public sealed class Api(string url)
{
    public HttpClient Anonymous() => new() { BaseAddress = new Uri(url) };

    public async Task<BenchPerson> SignInAsync(string login, string password)
    {
        var r = await Anonymous().PostAsJsonAsync("/api/v1/auth/sign-in", new { login, password, useTokens = true });
        r.EnsureSuccessStatusCode();
        var token = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await http.GetFromJsonAsync<JsonElement>("/api/v1/me");
        return new BenchPerson(me.GetProperty("id").GetGuid(), login, token, http);
    }
}

/// <summary>A school made through the public API: a class 5А with its class teacher (first) and students.</summary>
public sealed class BenchSchool
{
    public required Guid Id { get; init; }
    public required List<BenchPerson> People { get; init; }

    public static async Task<BenchSchool> CreateAsync(Api api, ServerProcess server, int members)
    {
        var application = await api.Anonymous().PostAsJsonAsync("/api/v1/school-applications", new
        {
            fullName = "Школа для замеров", shortName = "Замеры", type = "School", region = "Москва", inn = "7707083893",
            adminName = "Администратор Замеров", adminPhone = "+79160000000", adminEmail = "bench@example.org",
        });
        application.EnsureSuccessStatusCode();
        var applicationId = (await application.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var op = await api.SignInAsync(ServerProcess.OperatorLogin, ServerProcess.Password);
        var approved = await (await op.Http.PostAsJsonAsync($"/api/v1/operator/applications/{applicationId}/approve", new { }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var schoolId = approved.GetProperty("schoolId").GetGuid();
        var code = approved.GetProperty("activationUrl").GetString()!.Split("code=")[1];
        (await api.Anonymous().PostAsJsonAsync("/api/v1/auth/activate", new { code, password = ServerProcess.Password })).EnsureSuccessStatusCode();
        var admin = await api.SignInAsync(approved.GetProperty("adminLogin").GetString()!, ServerProcess.Password);

        var csv = new StringBuilder("role,class,name\nteacher,5А,Учитель Замеров\n");
        for (var i = 1; i < members; i++) csv.Append($"student,5А,Ученик Номер{i}\n");
        var imported = await admin.Http.PostAsync($"/api/v1/schools/{schoolId}/roster-import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        imported.EnsureSuccessStatusCode();
        var sheet = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sheets")[0].GetProperty("people");
        var people = new List<BenchPerson>();
        foreach (var person in sheet.EnumerateArray())
        {
            (await api.Anonymous().PostAsJsonAsync("/api/v1/auth/activate", new { code = person.GetProperty("activationCode").GetString(), password = ServerProcess.Password }))
                .EnsureSuccessStatusCode();
            people.Add(await api.SignInAsync(person.GetProperty("login").GetString()!, ServerProcess.Password));
        }
        return new BenchSchool { Id = schoolId, People = people };
    }

    public async Task<Guid> ClassChatAsync()
    {
        var chats = await People[0].Http.GetFromJsonAsync<JsonElement>($"/api/v1/schools/{Id}/chats");
        return chats.EnumerateArray().First(c => c.GetProperty("kind").GetString() == "Class").GetProperty("id").GetGuid();
    }
}
