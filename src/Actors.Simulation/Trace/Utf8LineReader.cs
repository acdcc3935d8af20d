namespace Actors.Simulation.Trace;

/// <summary>
/// Splits a stream into lines at '\n' without decoding them, so a reader can checksum the exact bytes
/// and refuse invalid UTF-8 instead of having a decoder replace it. A line is valid until the next read.
/// </summary>
internal sealed class Utf8LineReader(Stream stream) : IDisposable
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Whether the last line returned ended with '\n' (the file's last line may not).</summary>
    public bool LastLineTerminated { get; private set; }

    /// <returns>The next line without its '\n', or null at the end of the stream.</returns>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start + scanned, _end - _start - scanned);
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                LastLineTerminated = true;
                return line;
            }

            scanned = _end - _start;
            if (_eof)
            {
                if (scanned == 0)
                {
                    return null;
                }

                var rest = _buffer.AsMemory(_start, scanned);
                _start = _end;
                LastLineTerminated = false;
                return rest;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, scanned);
                _end = scanned;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _eof = read == 0;
            _end += read;
        }
    }

    public void Dispose() => stream.Dispose();
}
