namespace Sfera.Tests.Infrastructure;

/// <summary>The one thing of the server's that tests replace: time.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
