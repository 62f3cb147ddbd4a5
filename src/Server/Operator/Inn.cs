namespace Sfera.Operator;

/// <summary>Russian taxpayer number (ИНН): 10 digits for organisations, 12 for individuals, with check digits.</summary>
public static class Inn
{
    private static readonly int[] Ten = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Eleven = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    private static readonly int[] Twelve = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

    public static bool IsValid(string? inn)
    {
        if (inn is null || inn.Any(c => c is < '0' or > '9')) return false;
        var d = inn.Select(c => c - '0').ToArray();
        return d.Length switch
        {
            10 => Check(d, Ten) == d[9],
            12 => Check(d, Eleven) == d[10] && Check(d, Twelve) == d[11],
            _ => false,
        };
    }

    private static int Check(int[] digits, int[] weights) => weights.Select((w, i) => w * digits[i]).Sum() % 11 % 10;
}
