using System.Buffers;
using System.Text;
using Monitoring.Lib.Redis;
using Monitoring.Lib.Redis.Internal;

namespace Monitoring.Lib.Tests.Redis;

public sealed class RespCodecTests
{
    [Fact]
    public void WriteCommand_TextArguments_ExactRespBytes()
    {
        var writer = new ArrayBufferWriter<byte>();
        RespWriter.WriteCommand(writer, "SET", ["k", "é", ""]);

        Assert.Equal("*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n$0\r\n\r\n", Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void WriteBulk_BinaryWithCrLf_LengthPrefixedVerbatim()
    {
        var writer = new ArrayBufferWriter<byte>();
        RespWriter.WriteArrayHeader(writer, 1);
        RespWriter.WriteBulk(writer, new byte[] { 0, 13, 10, 255 });

        Assert.Equal(new byte[] { (byte)'*', (byte)'1', 13, 10, (byte)'$', (byte)'4', 13, 10, 0, 13, 10, 255, 13, 10 }, writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("+OK\r\n", "SimpleString(OK)")]
    [InlineData("-ERR unknown command 'X'\r\n", "Error(ERR unknown command 'X')")]
    [InlineData(":-9223372036854775808\r\n", "Number(-9223372036854775808)")]
    [InlineData("$5\r\nhe\r\nl\r\n", "BulkString(he\r\nl)")]
    [InlineData("$0\r\n\r\n", "BulkString()")]
    [InlineData("$-1\r\n", "Null(null)")]
    [InlineData("*-1\r\n", "Null(null)")]
    [InlineData("*0\r\n", "[]")]
    [InlineData("*3\r\n$7\r\nmessage\r\n*1\r\n:1\r\n$-1\r\n", "[BulkString(message), [Number(1)], Null(null)]")]
    public void TryRead_EachType_ExactValue(string wire, string expected)
    {
        using var reader = Feed(Encoding.UTF8.GetBytes(wire));

        Assert.True(reader.TryRead(out var reply));
        Assert.Equal(expected, reply.ToString());
        Assert.Equal(0, reader.Buffered);
    }

    [Fact]
    public void TryRead_FrameFedByteByByte_OnlyCompleteAtLastByte()
    {
        var wire = Encoding.UTF8.GetBytes("*4\r\n$8\r\npmessage\r\n$3\r\nev*\r\n$4\r\nev:1\r\n$6\r\n日本\r\n");
        using var reader = new RespReader(16);
        for (var i = 0; i < wire.Length - 1; i++)
        {
            Append(reader, wire.AsSpan(i, 1));
            Assert.False(reader.TryRead(out _), $"complete after {i + 1} of {wire.Length} bytes");
        }
        Append(reader, wire.AsSpan(wire.Length - 1));

        Assert.True(reader.TryRead(out var reply));
        Assert.Equal(["pmessage", "ev*", "ev:1", "日本"], reply.Elements.Select(e => e.Text));
        Assert.Equal(0, reader.Buffered);
    }

    [Fact]
    public void TryRead_TwoRepliesAndHalfOfAThird_ReturnsTwoKeepsTheRest()
    {
        using var reader = Feed(":1\r\n+PONG\r\n$3\r\nab"u8.ToArray());

        Assert.True(reader.TryRead(out var first));
        Assert.True(reader.TryRead(out var second));
        Assert.False(reader.TryRead(out _));
        Append(reader, "c\r\n"u8);
        Assert.True(reader.TryRead(out var third));

        Assert.Equal((1L, "PONG", "abc"), (first.Number, second.Text, third.Text));
    }

    [Fact]
    public void TryRead_LargeBulkInChunks_GrowsBufferAndKeepsBytes()
    {
        var payload = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var wire = Encoding.ASCII.GetBytes($"${payload.Length}\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();
        using var reader = new RespReader(64);
        RedisReply? reply = null;
        for (var offset = 0; offset < wire.Length; offset += 4096)
        {
            Append(reader, wire.AsSpan(offset, Math.Min(4096, wire.Length - offset)));
            if (reader.TryRead(out reply))
            {
                Assert.Equal(wire.Length, Math.Min(offset + 4096, wire.Length));
            }
        }

        Assert.NotNull(reply);
        Assert.Equal(payload, reply.Bytes.ToArray());
    }

    [Theory]
    [InlineData("?x\r\n", "type byte 0x3f")]
    [InlineData("$3\r\nabcX\r\n", "not followed by CRLF")]
    [InlineData(":12a\r\n", "'12a' is not a number")]
    [InlineData("$-2\r\n", "length -2")]
    [InlineData("+OK\rX", "CR not followed by LF")]
    public void TryRead_InvalidResp_ThrowsNamingTheProblem(string wire, string expected)
    {
        using var reader = Feed(Encoding.ASCII.GetBytes(wire));

        var error = Assert.Throws<InvalidDataException>(() => reader.TryRead(out _));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static RespReader Feed(byte[] bytes)
    {
        var reader = new RespReader(8);
        Append(reader, bytes);
        return reader;
    }

    private static void Append(RespReader reader, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(reader.GetMemory(bytes.Length).Span);
        reader.Advance(bytes.Length);
    }
}
