using Sfera.Notifications;

namespace Sfera.Tests;

/// <summary>When held pushes come: the school's night, a teacher's time off, both at once, across a date and a weekend.</summary>
public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly TimeZoneInfo Vladivostok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Vladivostok");

    /// <summary>A local wall-clock time in <paramref name="zone"/> as the instant it is.</summary>
    private static DateTimeOffset At(TimeZoneInfo zone, int day, int hour, int minute = 0)
    {
        var local = new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified); // 2026-12-07 is a Monday
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    [Fact]
    public void A_night_that_crosses_midnight_ends_the_next_morning_in_the_schools_zone()
    {
        Quiet[] night = [new Nightly(21 * 60, 8 * 60)];
        Assert.Equal(At(Moscow, 8, 8), QuietHours.Until(At(Moscow, 7, 21, 30), Moscow, night));
        Assert.Equal(At(Moscow, 8, 8), QuietHours.Until(At(Moscow, 8, 2), Moscow, night));
        Assert.Null(QuietHours.Until(At(Moscow, 8, 8), Moscow, night));
        Assert.Null(QuietHours.Until(At(Moscow, 8, 20, 59), Moscow, night));
        // The same instant is 04:30 the next day in Vladivostok: still night there, ending at its own 08:00.
        Assert.Equal(At(Vladivostok, 8, 8), QuietHours.Until(At(Moscow, 7, 21, 30), Vladivostok, night));
        // Start equal to end: no quiet hours at all.
        Assert.Null(QuietHours.Until(At(Moscow, 7, 23), Moscow, [new Nightly(8 * 60, 8 * 60)]));
    }

    [Fact]
    public void A_teacher_off_work_is_told_when_the_next_working_day_starts()
    {
        Quiet[] weekdays = [new OutsideWork(8 * 60, 18 * 60, 0b0011111)];
        Assert.Null(QuietHours.Until(At(Moscow, 7, 9), Moscow, weekdays));
        Assert.Equal(At(Moscow, 8, 8), QuietHours.Until(At(Moscow, 7, 19), Moscow, weekdays));
        Assert.Equal(At(Moscow, 7, 8), QuietHours.Until(At(Moscow, 7, 6), Moscow, weekdays));
        // Friday evening and Saturday wait for Monday morning.
        Assert.Equal(At(Moscow, 14, 8), QuietHours.Until(At(Moscow, 11, 18, 30), Moscow, weekdays));
        Assert.Equal(At(Moscow, 14, 8), QuietHours.Until(At(Moscow, 12, 12), Moscow, weekdays));
        // No days chosen: never held.
        Assert.Null(QuietHours.Until(At(Moscow, 12, 12), Moscow, [new OutsideWork(8 * 60, 18 * 60, 0)]));
    }

    [Fact]
    public void Two_kinds_of_quiet_one_after_another_hold_until_both_are_over()
    {
        // A parent who teaches: the school's night until 08:00, then their own working day starting at 09:00.
        Quiet[] both = [new Nightly(21 * 60, 8 * 60), new OutsideWork(9 * 60, 17 * 60, 0b1111111)];
        Assert.Equal(At(Moscow, 8, 9), QuietHours.Until(At(Moscow, 7, 22), Moscow, both));
        Assert.Null(QuietHours.Until(At(Moscow, 8, 10), Moscow, both));
    }
}
