using Sfera.Calls.Janus;

namespace Sfera.Calls;

/// <summary>
/// Turns what Janus tells this node about the publishers it serves into call state everyone sees: a tab's media
/// reaches Janus (its PeerConnection is up), so the others may now receive it; or it stopped.
/// </summary>
public sealed class GroupMediaNotices(GroupMedia media, IServiceProvider services, ILogger<GroupMediaNotices> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        media.OnNotice += OnNoticeAsync;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        media.OnNotice -= OnNoticeAsync;
        return Task.CompletedTask;
    }

    private async Task OnNoticeAsync(Guid leg, VideoRoomNotice notice)
    {
        if (notice is VideoRoomNotice.Talking talking)
        {
            await CallService.RunAsync(services, calls => calls.SpeakingAsync(leg, talking.IsTalking));
            return;
        }
        bool? publishing = notice switch
        {
            VideoRoomNotice.WebRtcUp => true,
            VideoRoomNotice.HangUp or VideoRoomNotice.LeftRoom => false,
            _ => null,
        };
        if (publishing is not { } now) return;
        try
        {
            await CallService.RunAsync(services, calls => calls.SetPublishingAsync(leg, now));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Recording that leg {Leg} is publishing ({Publishing}) failed.", leg, now);
        }
    }
}
