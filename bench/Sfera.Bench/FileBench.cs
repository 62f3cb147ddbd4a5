using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Sfera.Bench;

/// <summary>
/// Files: throughput of a large upload and download (and the server's peak memory while they run), latency of
/// small uploads, of a 12-megapixel photo (decode, strip, re-encode, thumbnail) and of Range reads.
/// </summary>
public static class FileBench
{
    public static async Task RunAsync(BenchSchool school, ServerProcess server, Action<string, List<double>> report, int largeMb)
    {
        var teacher = school.People[0];
        var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", teacher.Token);
        var files = $"/api/v1/schools/{school.Id}/files";

        // Large: generated on the fly, hashed on both sides.
        long size = largeMb * 1024L * 1024L;
        var up = new List<double>();
        var down = new List<double>();
        string? url = null;
        server.ResetPeakMemory();
        var before = server.PeakMemoryBytes();
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            using var content = new StreamContent(new Generated(size, i), 256 * 1024);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = size;
            var response = await http.PostAsync($"{files}?name=large{i}.bin", content);
            response.EnsureSuccessStatusCode();
            up.Add(size / 1048576.0 / sw.Elapsed.TotalSeconds);
            url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();

            sw.Restart();
            using var get = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            get.EnsureSuccessStatusCode();
            await using var body = await get.Content.ReadAsStreamAsync();
            await SHA256.HashDataAsync(body);
            down.Add(size / 1048576.0 / sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"upload {largeMb} MB: {string.Join(", ", up.Select(v => $"{v:F0}"))} MB/s; download: {string.Join(", ", down.Select(v => $"{v:F0}"))} MB/s");
        Console.WriteLine($"server peak resident memory: {before / 1048576} MB before, {server.PeakMemoryBytes() / 1048576} MB after moving 3 x {largeMb} MB each way");

        // Range reads of 64 KiB at random places of the last large file (a video being seeked).
        var random = new Random(1);
        var ranges = new List<double>();
        for (var i = -10; i < 200; i++)
        {
            var start = (long)(random.NextDouble() * (size - 65536));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(start, start + 65535);
            var sw = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != System.Net.HttpStatusCode.PartialContent) throw new InvalidOperationException("no 206");
            if (i >= 0) ranges.Add(sw.Elapsed.TotalMilliseconds);
        }
        report("Range read of 64 KiB", ranges);

        var small = new byte[100 * 1024];
        var smalls = new List<double>();
        for (var i = -10; i < 200; i++)
        {
            random.NextBytes(small);
            var sw = Stopwatch.StartNew();
            (await http.PostAsync($"{files}?name=worksheet{i}.pdf", new ByteArrayContent(small))).EnsureSuccessStatusCode();
            if (i >= 0) smalls.Add(sw.Elapsed.TotalMilliseconds);
        }
        report("upload of a 100 KB file", smalls);

        var photo = Photo(4000, 3000);
        var photos = new List<double>();
        for (var i = -2; i < 20; i++)
        {
            var sw = Stopwatch.StartNew();
            (await http.PostAsync($"{files}?name=photo{i}.jpg", new ByteArrayContent(photo))).EnsureSuccessStatusCode();
            if (i >= 0) photos.Add(sw.Elapsed.TotalMilliseconds);
        }
        report($"upload of a 12 MP photo ({photo.Length / 1024} KB): strip metadata, re-encode, thumbnail", photos);
        Console.WriteLine($"server peak resident memory after all of it: {server.PeakMemoryBytes() / 1048576} MB");
    }

    private static byte[] Photo(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height);
        image.Mutate(x => x.BackgroundColor(Color.SkyBlue));
        // Some detail, so the encoder has work to do.
        var random = new Random(3);
        for (var y = 0; y < height; y += 2)
            for (var x = random.Next(4); x < width; x += 5)
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    private sealed class Generated(long length, int seed) : Stream
    {
        private readonly Random random = new(seed);
        private long position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            if (n <= 0) return 0;
            random.NextBytes(buffer.AsSpan(offset, n));
            position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
