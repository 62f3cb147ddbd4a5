using Microsoft.AspNetCore.Http.HttpResults;

namespace Sfera.Hosting;

/// <summary>RFC 9457 problem details with messages in the caller's language.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Texts.Get("not_found"));

    public static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Texts.Get("forbidden"));

    public static ProblemHttpResult Status(int status, string key, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, title: Texts.Get(key), type: $"https://sfera.local/problems/{key.Replace('_', '-')}", extensions: extensions);

    public static ValidationProblem Field(string field, string key) => Validation(new Dictionary<string, string[]> { [field] = [Texts.Get(key)] });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, IDictionary<string, object?>? extensions = null) =>
        TypedResults.ValidationProblem(errors, title: Texts.Get("validation"), extensions: extensions);
}

/// <summary>Collects field errors of one request so that all of them come back at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool IsValid => errors.Count == 0;

    public Validator Add(string field, string key)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(Texts.Get(key));
        return this;
    }

    public Validator Check(bool ok, string field, string key) => ok ? this : Add(field, key);

    /// <summary>Required, trimmed, at most <paramref name="max"/> characters (not UTF-16 units), no control
    /// characters; <paramref name="multiLine"/> text may hold newlines and tabs.</summary>
    public Validator Text(string? value, string field, int max, bool required = true, bool multiLine = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return required ? Add(field, "required") : this;
        if (TextRules.HasControl(value, multiLine)) return Add(field, "control_chars");
        return Check(TextRules.Length(value.Trim()) <= max, field, "too_long");
    }

    /// <summary>A person's display name, judged as it will be stored (<see cref="TextRules.NormalizeName"/>).</summary>
    public Validator DisplayName(string? value, string field, int max = 200)
    {
        var name = TextRules.NormalizeName(value);
        if (name.Length == 0) return Add(field, "required");
        if (TextRules.NameProblem(name) is { } problem) return Add(field, problem);
        return Check(TextRules.Length(name) <= max, field, "too_long");
    }

    public ValidationProblem Problem() => Problems.Validation(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
