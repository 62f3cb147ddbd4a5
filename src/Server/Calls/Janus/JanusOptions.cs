namespace Sfera.Calls.Janus;

/// <summary>The "Calls:Janus" configuration section: the Janus servers (SFUs) Sfera may put group calls on.</summary>
public sealed class JanusOptions
{
    public const string Section = "Calls:Janus";

    /// <summary><c>Calls:Janus:Servers:0:Url</c>, <c>:ApiSecret</c>, <c>:AdminKey</c>, <c>:Name</c>, and so on for more.</summary>
    public List<JanusServerOptions> Servers { get; set; } = [];

    /// <summary>How long a request may take before it fails with a <see cref="TimeoutException"/>.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>How long an asynchronous request (join, configure, start...) waits for its event after Janus's ack.</summary>
    public int EventTimeoutSeconds { get; set; } = 20;

    /// <summary>How often each session sends a keepalive. Long polls alone keep a session only while each starts within
    /// Janus's <c>session_timeout</c> (60 s by default) of the last; a pending poll does not count.</summary>
    public int KeepAliveSeconds { get; set; } = 20;

    /// <summary>A session whose long polls have failed (Janus unreachable) for this long is given up as lost.</summary>
    public int SessionLostAfterSeconds { get; set; } = 60;

    /// <summary>Unsolicited events a handle keeps for its reader; beyond this the oldest are dropped (and logged).</summary>
    public int HandleEventBuffer { get; set; } = 256;
}

public sealed class JanusServerOptions
{
    /// <summary>A name for logs and for choosing a server; the URL's host and port when not set.</summary>
    public string? Name { get; set; }

    /// <summary>The Janus API's address including its base path, e.g. <c>http://10.0.5.20:8088/janus</c>. Only Sfera's
    /// nodes may reach it; browsers never do.</summary>
    public string Url { get; set; } = "";

    /// <summary>Janus's <c>api_secret</c> (janus.jcfg), sent with every request.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>The VideoRoom plugin's <c>admin_key</c> (janus.plugin.videoroom.jcfg), needed to create rooms when set.</summary>
    public string? AdminKey { get; set; }
}
