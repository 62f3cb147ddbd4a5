namespace Sfera.Tests.Infrastructure;

/// <summary>The one thing of the server's that tests replace: time.</summary>
public sealed class TestClock : TimeProvider
{
    // Starts at the real time: cookie jars and browsers judge cookie expiry by the real clock.
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
