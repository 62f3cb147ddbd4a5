using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Sfera.Files;

/// <summary>
/// Any S3-compatible object storage through the AWS SDK. Large files go up in parts; reads are ranged GETs, so a
/// video seek or a resumed download fetches only what it needs.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly S3StoreOptions options;

    public S3FileStore(S3StoreOptions options, string spoolDirectory)
    {
        this.options = options;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // Checksums only where S3 requires them: most S3-compatible servers do not know the newer ones.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)) config.ServiceURL = options.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        client = string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        SpoolDirectory = spoolDirectory;
        Directory.CreateDirectory(spoolDirectory);
    }

    public string SpoolDirectory { get; }

    public async Task PutAsync(string key, string localPath, string contentType, CancellationToken ct)
    {
        var length = new FileInfo(localPath).Length;
        try
        {
            if (length <= options.PartSizeBytes)
            {
                await client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = options.Bucket, Key = key, FilePath = localPath, ContentType = contentType, UseChunkEncoding = false,
                }, ct);
                return;
            }
            var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
            {
                BucketName = options.Bucket, Key = key, ContentType = contentType,
            }, ct);
            try
            {
                var parts = new List<PartETag>();
                for (long position = 0, number = 1; position < length; position += options.PartSizeBytes, number++)
                {
                    var part = await client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = options.Bucket, Key = key, UploadId = upload.UploadId, PartNumber = (int)number,
                        FilePath = localPath, FilePosition = position, PartSize = Math.Min(options.PartSizeBytes, length - position),
                        UseChunkEncoding = false,
                    }, ct);
                    parts.Add(new PartETag((int)number, part.ETag));
                }
                await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = options.Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
                }, ct);
            }
            catch
            {
                await client.AbortMultipartUploadAsync(options.Bucket, key, upload.UploadId, CancellationToken.None);
                throw;
            }
        }
        finally
        {
            File.Delete(localPath);
        }
    }

    public Task<Stream> OpenAsync(string key, long length, CancellationToken ct) =>
        Task.FromResult<Stream>(new RangedReadStream(length, async (offset, token) =>
        {
            var response = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = options.Bucket, Key = key, ByteRange = new ByteRange(offset, length - 1),
            }, token);
            return response.ResponseStream;
        }));

    public async Task DeleteAsync(string key, CancellationToken ct) =>
        await client.DeleteObjectAsync(options.Bucket, key, ct);

    public void Dispose() => client.Dispose();
}

/// <summary>
/// A seekable stream over storage that reads by ranges: seeking only moves the position, and the next read opens
/// the rest of the object from there. What ASP.NET Core's Range handling needs from a remote object.
/// </summary>
public sealed class RangedReadStream(long length, Func<long, CancellationToken, Task<Stream>> openAt) : Stream
{
    private Stream? current;
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch { SeekOrigin.Current => position + offset, SeekOrigin.End => length + offset, _ => offset };
        if (target < 0) throw new IOException("Seek before the start.");
        if (target != position)
        {
            current?.Dispose();
            current = null;
            position = target;
        }
        return position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= length || buffer.Length == 0) return 0;
        current ??= await openAt(position, cancellationToken);
        var read = await current.ReadAsync(buffer, cancellationToken);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) current?.Dispose();
        base.Dispose(disposing);
    }
}
