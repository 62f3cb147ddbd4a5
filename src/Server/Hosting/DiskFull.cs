using Microsoft.AspNetCore.Diagnostics;

namespace Sfera.Hosting;

/// <summary>
/// A full disk is the operator's to fix, and the person should hear so in words rather than a bare 500: any request
/// that fails on "no space left on device" gets a 507 problem. What was being written is cleaned up by its owner
/// (an upload removes its spool file and anything it had stored).
/// </summary>
public sealed class DiskFullHandler(ILogger<DiskFullHandler> log) : IExceptionHandler
{
    public static bool IsDiskFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is IOException io && (OperatingSystem.IsWindows()
                    ? (io.HResult & 0xFFFF) is 112 or 39 // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
                    : io.HResult == 28)) // ENOSPC, which .NET reports as the raw errno
                return true;
        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDiskFull(exception)) return false;
        log.LogCritical(exception, "No space left on the server's disk: {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        await Problems.Status(StatusCodes.Status507InsufficientStorage, "disk_full").ExecuteAsync(httpContext);
        return true;
    }
}

/// <summary>The data folder (database, files, keys) must be writable, or nothing works: say so at start-up, plainly.</summary>
public static class DataFolder
{
    public static void EnsureWritable(IConfiguration config, string contentRoot)
    {
        var path = Path.GetFullPath(config["Sfera:DataDirectory"] ?? Path.Combine(contentRoot, "data"));
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = $"Sfera cannot write to its data folder {path}: {e.Message}. Make the folder writable for the user Sfera runs as, " +
                          "or set Sfera:DataDirectory (environment: Sfera__DataDirectory) to a folder that is.";
            Console.Error.WriteLine(message);
            throw new InvalidOperationException(message, e);
        }
    }
}
