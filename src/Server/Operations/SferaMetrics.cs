using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Sfera.Operations;

/// <summary>
/// Sfera's own instruments (meter "Sfera"), exported at /metrics with ASP.NET Core's and the runtime's: what was
/// stored, what was handed to the hub and how long that took, open hub connections, queue depths and database time.
/// One per process; cheap to call on every send.
/// </summary>
public sealed class SferaMetrics : IDisposable
{
    public const string MeterName = "Sfera";

    private readonly Meter meter;
    private readonly Counter<long> stored;
    private readonly Counter<long> deliveries;
    private readonly Histogram<double> sendToDeliver;
    private readonly UpDownCounter<long> connections;
    private readonly Histogram<double> databaseCommand;
    private readonly ConcurrentDictionary<string, Func<long>> queues = new();

    public SferaMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        stored = meter.CreateCounter<long>("sfera.messages.stored", "{message}", "Messages written to the database.");
        deliveries = meter.CreateCounter<long>("sfera.deliveries", "{event}", "Message events handed to the hub, one per recipient.");
        sendToDeliver = meter.CreateHistogram("sfera.send_to_deliver", "ms", "From a send request's arrival to handing its event to the hub.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        connections = meter.CreateUpDownCounter<long>("sfera.hub.connections", "{connection}", "Open hub connections on this node.");
        databaseCommand = meter.CreateHistogram("sfera.db.command.duration", "ms", "Time of each database command.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        meter.CreateObservableGauge("sfera.queue.depth", ObserveQueues, "{item}", "Work waiting in the server's internal queues.");
    }

    /// <summary>Milliseconds: fine below 100 ms, where the delivery goal lies.</summary>
    private static readonly double[] Buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    public void MessagesStored(int count) => stored.Add(count);

    public void Delivered(int recipients) => deliveries.Add(recipients);

    public void SendToDeliver(TimeSpan elapsed) => sendToDeliver.Record(elapsed.TotalMilliseconds);

    public void Connected() => connections.Add(1);

    public void Disconnected() => connections.Add(-1);

    /// <summary>Reports <paramref name="depth"/> as sfera.queue.depth{queue=name} at every scrape; a second
    /// registration under the same name replaces the first.</summary>
    public void RegisterQueue(string name, Func<long> depth) => queues[name] = depth;

    public void DatabaseCommand(TimeSpan elapsed) => databaseCommand.Record(elapsed.TotalMilliseconds);

    private IEnumerable<Measurement<long>> ObserveQueues() =>
        queues.Select(q => new Measurement<long>(q.Value(), new KeyValuePair<string, object?>("queue", q.Key)));

    public void Dispose() => meter.Dispose();
}
