using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Sfera.Operator;

/// <summary>Outgoing e-mail: an edge, so it has an interface. SMTP when <c>Mail:Smtp:Host</c> is set, else only a log line.</summary>
public interface IMailSender
{
    /// <summary>False when the install has no SMTP server: nothing is sent, so the web app must not promise a letter.</summary>
    bool IsConfigured { get; }

    /// <summary>True when the SMTP server took the letter. A failure is logged, never thrown: the work it reports is
    /// already committed, and the person who did it is told to pass the link on themselves.</summary>
    Task<bool> SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

/// <summary>The "Mail:Smtp" configuration section.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, e.g. "Сфера &lt;sfera@school5.ru&gt;".</summary>
    public string From { get; set; } = "sfera@localhost";
    /// <summary>On by default: TLS from the start on port 465, STARTTLS (required) on any other port.</summary>
    public bool UseTls { get; set; } = true;
    public int TimeoutSeconds { get; set; } = 30;
}

public static class Mail
{
    public static IServiceCollection AddSferaMail(this IServiceCollection services, IConfiguration config)
    {
        var smtp = config.GetSection("Mail:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        // A sender that cannot be parsed stops start-up rather than every letter later.
        if (!string.IsNullOrWhiteSpace(smtp.Host) && !MailboxAddress.TryParse(smtp.From, out _))
            throw new InvalidOperationException($"Mail:Smtp:From is not an e-mail address: {smtp.From}");
        return string.IsNullOrWhiteSpace(smtp.Host)
            ? services.AddSingleton<IMailSender, LoggingMailSender>()
            : services.AddSingleton<IMailSender>(s => new SmtpMailSender(smtp, s.GetRequiredService<ILogger<SmtpMailSender>>()));
    }
}

public sealed class LoggingMailSender(ILogger<LoggingMailSender> log) : IMailSender
{
    public bool IsConfigured => false;

    public Task<bool> SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        log.LogInformation("Mail (not sent, no SMTP server configured: Mail:Smtp:Host) to {To}: {Subject}", to, subject);
        return Task.FromResult(false);
    }
}

/// <summary>One SMTP connection per letter (MailKit): letters are rare (approvals, invitations), so nothing is pooled.</summary>
public sealed class SmtpMailSender(SmtpOptions options, ILogger<SmtpMailSender> log) : IMailSender
{
    public bool IsConfigured => true;

    public async Task<bool> SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        var security = !options.UseTls ? SecureSocketOptions.None
            : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        try
        {
            using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
            await client.ConnectAsync(options.Host ?? "", options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException
                                       or AuthenticationException or TimeoutException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            log.LogWarning(ex, "Mail to {To} not sent: the SMTP server {Host}:{Port} did not take it", to, options.Host, options.Port);
            return false;
        }
    }
}
