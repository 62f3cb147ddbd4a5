using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sfera.Data;

namespace Sfera.People;

/// <summary>Creating and finding accounts by any of their logins: phone, e-mail or a login name.</summary>
public static partial class Accounts
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex LoginPattern();

    public static bool IsValidLogin(string login) => LoginPattern().IsMatch(login);

    public static bool IsValidEmail(string email) =>
        email.Length <= 256 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

    /// <summary>"+7 (916) 123-45-67", "8 916 1234567" and "79161234567" all become "+79161234567"; null if not a phone.</summary>
    public static string? NormalizePhone(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (input.Any(c => !(char.IsDigit(c) || c is ' ' or '-' or '(' or ')' or '+'))) return null;
        var digits = new string(input.Where(char.IsDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '8') digits = "7" + digits[1..];
        if (digits.Length == 10 && digits[0] == '9') digits = "7" + digits;
        return digits.Length is >= 11 and <= 15 ? "+" + digits : null;
    }

    /// <summary>8 to 128 characters with a letter and a digit, and not one of the most common passwords.</summary>
    public static bool IsStrongPassword(string? password) =>
        password is { Length: >= 8 and <= 128 } && password.Any(char.IsDigit) && password.Any(char.IsLetter)
        && !Auth.CommonPasswords.Contains(password);

    public static async Task<Account?> FindByLoginAsync(UserManager<Account> users, string login)
    {
        login = login.Trim();
        if (login.Contains('@', StringComparison.Ordinal)) return await users.FindByEmailAsync(login);
        var phone = NormalizePhone(login);
        if (phone is not null && await users.Users.FirstOrDefaultAsync(a => a.PhoneNumber == phone) is { } byPhone)
            return byPhone;
        return await users.FindByNameAsync(login.ToLowerInvariant());
    }

    /// <summary>True when any of the given identifiers already belongs to an account.</summary>
    public static Task<bool> IsTakenAsync(SferaDb db, string? login, string? phone, string? email)
    {
        var normalizedLogin = login?.ToUpperInvariant();
        var normalizedEmail = email?.ToUpperInvariant();
        return db.Users.AnyAsync(a =>
            (normalizedLogin != null && a.NormalizedUserName == normalizedLogin) ||
            (phone != null && a.PhoneNumber == phone) ||
            (normalizedEmail != null && a.NormalizedEmail == normalizedEmail));
    }

    /// <summary>Creates an account; with no password it can only be entered through an activation code.</summary>
    public static async Task<Account> CreateAsync(
        UserManager<Account> users, TimeProvider clock, string displayName, string? login, string? phone, string? email, string? password = null,
        Guid? createdBySchoolId = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var account = new Account
            {
                Id = Guid.CreateVersion7(),
                DisplayName = Hosting.TextRules.NormalizeName(displayName),
                UserName = login ?? await GenerateLoginAsync(users, displayName, attempt),
                PhoneNumber = phone,
                Email = email,
                CreatedAt = clock.GetUtcNow(),
                CreatedBySchoolId = createdBySchoolId,
            };
            IdentityResult result;
            try
            {
                result = password is null ? await users.CreateAsync(account) : await users.CreateAsync(account, password);
            }
            catch (DbUpdateException ex) when (login is null && attempt < 5)
            {
                // Someone took the same generated login a moment ago (EF rolled back to its savepoint): try another.
                foreach (var entry in ex.Entries.Where(e => e.Entity is Account)) entry.State = EntityState.Detached;
                continue;
            }
            if (result.Succeeded) return account;
            if (login is null && attempt < 5 && result.Errors.Any(e => e.Code == "DuplicateUserName")) continue;
            throw new InvalidOperationException("Account not created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>A readable login from the name: "Иван Петров" becomes "ivan.petrov", then "ivan.petrov2"...</summary>
    public static async Task<string> GenerateLoginAsync(UserManager<Account> users, string displayName, int attempt = 0)
    {
        var stem = Transliterate(displayName);
        if (stem.Length < 3) stem = "user" + stem;
        if (stem.Length > 56) stem = stem[..56];
        // After a collision with a concurrent registration, step away from the sequence that both were following.
        if (attempt > 0) stem += "." + System.Security.Cryptography.RandomNumberGenerator.GetInt32(100, 1000);
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? stem : stem + n;
            if (await users.FindByNameAsync(candidate) is null) return candidate;
        }
    }

    private static string Transliterate(string name)
    {
        const string cyr = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        string[] lat = ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"];
        var sb = new StringBuilder();
        foreach (var ch in name.Trim().ToLowerInvariant())
        {
            var i = cyr.IndexOf(ch, StringComparison.Ordinal);
            if (i >= 0) sb.Append(lat[i]);
            else if (ch is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(ch);
            else if (char.IsWhiteSpace(ch) && sb.Length > 0 && sb[^1] != '.') sb.Append('.');
        }
        return sb.ToString().Trim('.');
    }
}
