namespace Sfera.Files;

/// <summary>
/// Where file bytes live. Files are immutable: written once from a finished local file, read many times,
/// deleted once. Implementations: <see cref="LocalFileStore"/> (the default) and <see cref="S3FileStore"/>.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores a complete local file under a key. The local file may be moved rather than copied.</summary>
    Task PutAsync(string key, string localPath, string contentType, CancellationToken ct);

    /// <summary>A seekable read-only stream over a stored file of known length, for Range requests.</summary>
    Task<Stream> OpenAsync(string key, long length, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>A folder on the local disk where uploads are spooled before they are stored. For the local store it
    /// is on the same disk, so storing is a rename.</summary>
    string SpoolDirectory { get; }
}

/// <summary>Files in a folder per school, fanned out by the last characters of the (random) file id.</summary>
public sealed class LocalFileStore : IFileStore
{
    private readonly string root;

    public LocalFileStore(string root)
    {
        this.root = Path.GetFullPath(root);
        SpoolDirectory = Path.Combine(this.root, ".incoming");
        Directory.CreateDirectory(SpoolDirectory);
    }

    public string SpoolDirectory { get; }

    /// <summary>The folder everything is kept in (what a backup copies).</summary>
    public string Root => root;

    public Task PutAsync(string key, string localPath, string contentType, CancellationToken ct)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(localPath, target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task<Stream> OpenAsync(string key, long length, CancellationToken ct) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 64 * 1024, Options = FileOptions.Asynchronous,
        }));

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        // Keys are made by the server from ids (school/file), never from user input; refuse anything else anyway.
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key) || key.Contains('\\', StringComparison.Ordinal))
            throw new ArgumentException("Bad storage key.", nameof(key));
        var parts = key.Split('/');
        var file = parts[^1];
        return Path.Combine([root, .. parts[..^1], file.Length > 2 ? file[^2..] : file, file]);
    }
}
