using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Actors.Simulation.Trace;

/// <summary>
/// CRC-32 (IEEE 802.3, as zlib and Python's <c>zlib.crc32</c> compute it) over a canonical encoding of a
/// Parquet row group, so a changed bit anywhere in its data is found even where the Parquet decoder
/// accepts it. The encoding is column by column in <see cref="TraceColumns"/> order (the 64-bit columns,
/// the 32-bit columns, then the text columns), each column row by row: an integer as its little-endian
/// bytes; a text as its UTF-8 byte count (int32, little-endian; -1 for null) followed by those bytes.
/// Writer and reader feed the same values in the same order; TRACE-FORMAT.md states the encoding.
/// </summary>
internal sealed class TraceChecksum
{
    private const int BufferBytes = 1 << 16;
    private readonly Crc32 _crc = new();
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _used;

    public void AddLongs(ReadOnlySpan<long> values)
    {
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        }
    }

    public void AddInts(ReadOnlySpan<int> values)
    {
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        }
    }

    public void AddTexts(ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), -1);
                continue;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), length);
            if (length <= BufferBytes)
            {
                Encoding.UTF8.GetBytes(value, Reserve(length));
            }
            else
            {
                Flush();
                _crc.Append(Encoding.UTF8.GetBytes(value));
            }
        }
    }

    public void AddTexts(ReadOnlySpan<byte[]?> values)
    {
        foreach (var value in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value?.Length ?? -1);
            if (value is { Length: <= BufferBytes })
            {
                value.CopyTo(Reserve(value.Length));
            }
            else if (value is not null)
            {
                Flush();
                _crc.Append(value);
            }
        }
    }

    /// <summary>The CRC of everything added, and a fresh start.</summary>
    public uint Finish()
    {
        Flush();
        var crc = _crc.GetCurrentHashAsUInt32();
        _crc.Reset();
        return crc;
    }

    /// <summary>Eight lowercase hex digits, as stored in the file.</summary>
    public static string Format(uint crc) => crc.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Exactly eight lowercase hex digits.</summary>
    public static bool TryParse(string? text, out uint crc)
    {
        crc = 0;
        return text is { Length: 8 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
            && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out crc);
    }

    public static uint Of(ReadOnlySpan<byte> bytes) => Crc32.HashToUInt32(bytes);

    private Span<byte> Reserve(int bytes)
    {
        if (_used + bytes > BufferBytes)
        {
            Flush();
        }

        var span = _buffer.AsSpan(_used, bytes);
        _used += bytes;
        return span;
    }

    private void Flush()
    {
        _crc.Append(_buffer.AsSpan(0, _used));
        _used = 0;
    }
}
