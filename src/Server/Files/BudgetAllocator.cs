using System.Buffers;
using SixLabors.ImageSharp.Memory;

namespace Sfera.Files;

/// <summary>
/// ImageSharp's allocator with a ceiling on what one picture may hold at once: every buffer of the decode, the
/// rewrite and the thumbnail is counted while it lives, and one past the budget fails the picture (refused as
/// unusable) instead of the server. ImageSharp 2.1's own AllocationLimitMegabytes bounds a single buffer only.
/// </summary>
public sealed class BudgetAllocator(MemoryAllocator inner, long budgetBytes) : MemoryAllocator
{
    private long live;

    protected override int GetBufferCapacityInBytes() => 4 * 1024 * 1024;

    public override IMemoryOwner<T> Allocate<T>(int length, AllocationOptions options = AllocationOptions.None)
    {
        var bytes = (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (Interlocked.Add(ref live, bytes) > budgetBytes)
        {
            Interlocked.Add(ref live, -bytes);
            throw new InvalidMemoryOperationException($"The picture needs more than {budgetBytes} bytes to process.");
        }
        try
        {
            return new Counted<T>(inner.Allocate<T>(length, options), this, bytes);
        }
        catch
        {
            Interlocked.Add(ref live, -bytes);
            throw;
        }
    }

    public override void ReleaseRetainedResources() { }

    private sealed class Counted<T>(IMemoryOwner<T> owner, BudgetAllocator budget, long bytes) : IMemoryOwner<T>
    {
        private int disposed;

        public Memory<T> Memory => owner.Memory;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) != 0) return;
            owner.Dispose();
            Interlocked.Add(ref budget.live, -bytes);
        }
    }
}
