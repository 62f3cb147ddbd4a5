using Microsoft.EntityFrameworkCore;
using Sfera.Chats;
using Sfera.Data;

namespace Sfera.Notifications;

/// <summary>A stretch of time in which a person's pushes wait: given a local time, when it ends, or null when the time is
/// not quiet.</summary>
public abstract record Quiet
{
    public abstract DateTime? EndOf(DateTime local);

    protected static int Minutes(DateTime local) => local.Hour * 60 + local.Minute;
}

/// <summary>Every night from <paramref name="Start"/> to <paramref name="End"/> (minutes after midnight; may cross midnight).</summary>
public sealed record Nightly(int Start, int End) : Quiet
{
    public override DateTime? EndOf(DateTime local)
    {
        if (Start == End) return null;
        var m = Minutes(local);
        var end = local.Date.AddMinutes(End);
        if (Start < End) return m >= Start && m < End ? end : null;
        if (m >= Start) return end.AddDays(1);
        return m < End ? end : null;
    }
}

/// <summary>Outside working hours: a teacher works <paramref name="Start"/>–<paramref name="End"/> on <paramref name="Days"/>
/// (bit 0 Monday … bit 6 Sunday).</summary>
public sealed record OutsideWork(int Start, int End, int Days) : Quiet
{
    public override DateTime? EndOf(DateTime local)
    {
        if (Days == 0 || Start >= End) return null;
        var m = Minutes(local);
        if (IsWorkDay(local) && m >= Start && m < End) return null;
        if (IsWorkDay(local) && m < Start) return local.Date.AddMinutes(Start);
        for (var d = 1; d <= 7; d++)
            if (IsWorkDay(local.Date.AddDays(d))) return local.Date.AddDays(d).AddMinutes(Start);
        return null;
    }

    private bool IsWorkDay(DateTime day) => ((Days >> (((int)day.DayOfWeek + 6) % 7)) & 1) == 1;
}

public static class QuietHours
{
    /// <summary>When the quiet that holds at <paramref name="now"/> ends (all of the person's quiet stretches, one after
    /// another), or null when their pushes may go now.</summary>
    public static DateTimeOffset? Until(DateTimeOffset now, TimeZoneInfo zone, IReadOnlyList<Quiet> rules)
    {
        if (rules.Count == 0) return null;
        var start = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var local = start;
        for (var round = 0; round < 10; round++)
        {
            var moved = false;
            foreach (var rule in rules)
                if (rule.EndOf(local) is { } end && end > local)
                {
                    local = end;
                    moved = true;
                }
            if (!moved) break;
        }
        if (local == start) return null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30); // a clock change skipped this time
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The quiet stretches of a member of this school: the school's night for students (and for parents if it
    /// says so), their own working hours for staff who set them.</summary>
    public static IReadOnlyList<Quiet> RulesOf(School school, PersonFacts facts, NotificationSettings? settings)
    {
        var rules = new List<Quiet>(2);
        if (facts.IsMinor || (facts.IsParent && school.QuietForParents)) rules.Add(new Nightly(school.QuietStart, school.QuietEnd));
        if (facts.IsStaff && settings is { WorkingHoursOn: true } s) rules.Add(new OutsideWork(s.WorkStart, s.WorkEnd, s.WorkDays));
        return rules;
    }

    public static TimeZoneInfo ZoneOf(School school) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(school.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Members of a school now in quiet hours, with when their pushes will come.</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> OfMembersAsync(SferaDb db, Guid schoolId, IReadOnlyDictionary<Guid, PersonFacts> facts, DateTimeOffset now)
    {
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == schoolId);
        var ids = facts.Keys.ToList();
        var settings = await db.NotificationSettings.AsNoTracking().Where(n => ids.Contains(n.AccountId)).ToDictionaryAsync(n => n.AccountId);
        var zone = ZoneOf(school);
        var result = new Dictionary<Guid, DateTimeOffset>();
        foreach (var (id, f) in facts)
            if (Until(now, zone, RulesOf(school, f, settings.GetValueOrDefault(id))) is { } until) result[id] = until;
        return result;
    }
}
