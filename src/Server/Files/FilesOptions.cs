namespace Sfera.Files;

/// <summary>The "Files" configuration section.</summary>
public sealed class FilesOptions
{
    /// <summary>The largest file anyone may upload, install-wide. 1 GiB by default.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Storage each school gets unless the operator sets its own. 20 GiB by default.</summary>
    public long SchoolQuotaBytes { get; set; } = 20L << 30;

    /// <summary>Images with more pixels than this are refused rather than decoded (a decompression bomb guard).</summary>
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>"local" (the default: a folder under the data directory) or "s3".</summary>
    public string Storage { get; set; } = "local";

    /// <summary>Where local storage keeps files; by default data/files.</summary>
    public string? LocalPath { get; set; }

    public S3StoreOptions S3 { get; set; } = new();

    public ClamAvOptions ClamAv { get; set; } = new();
}

public sealed class S3StoreOptions
{
    /// <summary>The S3 API's address, e.g. https://storage.example.ru; empty means AWS itself.</summary>
    public string? ServiceUrl { get; set; }
    public string Bucket { get; set; } = "sfera";
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>bucket in the path rather than the host name; what most S3-compatible servers want.</summary>
    public bool ForcePathStyle { get; set; } = true;
    /// <summary>Files above this size go up in parts of this size.</summary>
    public long PartSizeBytes { get; set; } = 16L << 20;
}

public sealed class ClamAvOptions
{
    /// <summary>Off by default. When on, nothing is stored or delivered before clamd says it is clean, and an
    /// upload fails when clamd cannot be reached.</summary>
    public bool Enabled { get; set; }
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 3310;
    public int TimeoutSeconds { get; set; } = 120;
}
