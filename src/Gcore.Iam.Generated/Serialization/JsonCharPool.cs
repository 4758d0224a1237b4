using System.Buffers;
using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>
/// Newtonsoft.Json's char buffers rented from the shared pool: without it every JSON reader and
/// writer allocates its own (about 2 KB per call), which was most of what the client allocated
/// beyond a hand-written call (benchmarks/RESULTS.md).
/// </summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static readonly JsonCharPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
