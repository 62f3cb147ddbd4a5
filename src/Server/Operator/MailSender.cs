namespace Sfera.Operator;

/// <summary>Outgoing e-mail: an edge, so it has an interface. The default only logs.</summary>
public interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

public sealed class LoggingMailSender(ILogger<LoggingMailSender> log) : IMailSender
{
    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        log.LogInformation("Mail (not sent, no sender configured) to {To}: {Subject}", to, subject);
        return Task.CompletedTask;
    }
}
