using Microsoft.Extensions.Time.Testing;
using Monitoring.Lib.Influx;

namespace Monitoring.Lib.Tests.Influx;

public sealed class LineProtocolBuilderTests
{
    private const long Time = 1_700_000_000_123_456_789;

    [Fact]
    public void End_RequestsPoint_WritesExactLine()
    {
        var text = Line(b => b.Begin("requests").Tag("service", "web").Tag("route", "GET:/forms").Tag("status_code", 200)
            .Field("request_id", "r-1").Field("execution_time", 1.5));

        Assert.Equal($"requests,service=web,route=GET:/forms,status_code=200 request_id=\"r-1\",execution_time=1.5 {Time}\n", text);
    }

    [Fact]
    public void End_MeasurementWithCommaSpaceEquals_EscapesCommaAndSpaceOnly()
    {
        Assert.Equal($"my\\ meas\\,ure=x f=1i {Time}\n", Line(b => b.Begin("my meas,ure=x").Field("f", 1L)));
    }

    [Fact]
    public void End_TagAndFieldKeysAndValuesWithSpecials_EscapesCommaEqualsSpace()
    {
        var text = Line(b => b.Begin("m").Tag("k ,=", "v ,=").Field("f ,=", true));

        Assert.Equal($"m,k\\ \\,\\==v\\ \\,\\= f\\ \\,\\==true {Time}\n", text);
    }

    [Fact]
    public void End_StringFieldWithQuotesBackslashesAndSpecials_EscapesQuoteAndBackslashOnly()
    {
        var text = Line(b => b.Begin("m").Field("s", "say \"hi\", a=b \\ bye"));

        Assert.Equal($"m s=\"say \\\"hi\\\", a=b \\\\ bye\" {Time}\n", text);
    }

    [Fact]
    public void End_NewlinesInNamesAndTags_ReplacedByEscapedSpace()
    {
        var text = Line(b => b.Begin("m\r\n1").Tag("t\nk", "a\nb").Field("f\nk", 1L));

        Assert.Equal($"m\\ \\ 1,t\\ k=a\\ b f\\ k=1i {Time}\n", text);
    }

    [Fact]
    public void End_NewlineInStringField_KeptVerbatim()
    {
        Assert.Equal($"m s=\"line1\nline2\" {Time}\n", Line(b => b.Begin("m").Field("s", "line1\nline2")));
    }

    [Fact]
    public void End_NonAscii_WritesUtf8()
    {
        var text = Line(b => b.Begin("mesure").Tag("ville", "Zürich 日本").Field("note", "café ☕ 🚀"));

        Assert.Equal($"mesure,ville=Zürich\\ 日本 note=\"café ☕ 🚀\" {Time}\n", text);
    }

    [Theory]
    [InlineData("a\\b", "a\\b")]
    [InlineData("a\\", "a")]
    [InlineData("a\\\\", "a")]
    [InlineData("a\\ b", "a\\\\\\ b")]
    [InlineData("a\\,b", "a\\\\\\,b")]
    public void End_BackslashInTagValue_DoubledBeforeSeparatorDroppedAtEnd(string value, string expected)
    {
        Assert.Equal($"m,t={expected} f=1i {Time}\n", Line(b => b.Begin("m").Tag("t", value).Field("f", 1L)));
    }

    [Fact]
    public void End_NumbersAndBooleans_InvariantRoundTripAndIntegerSuffix()
    {
        var text = Line(b => b.Begin("m").Field("a", 0.1).Field("b", 1.0 / 3).Field("c", 1e20).Field("d", -2.5e-7)
            .Field("e", long.MinValue).Field("f", 42).Field("g", false).Field("h", 3.0));

        Assert.Equal($"m a=0.1,b=0.3333333333333333,c=1E+20,d=-2.5E-07,e=-9223372036854775808i,f=42i,g=false,h=3 {Time}\n", text);
    }

    [Fact]
    public void End_NaNAndInfinityFields_Dropped()
    {
        var text = Line(b => b.Begin("m").Field("a", double.NaN).Field("b", 2.0).Field("c", double.PositiveInfinity).Field("d", double.NegativeInfinity));

        Assert.Equal($"m b=2 {Time}\n", text);
    }

    [Fact]
    public void End_EmptyAndNullTagValues_Skipped()
    {
        var text = Line(b => b.Begin("m").Tag("a", "").Tag("b", (string?)null).Tag("c", "x").Field("f", 1L));

        Assert.Equal($"m,c=x f=1i {Time}\n", text);
    }

    [Fact]
    public void End_TagsAddedAfterFields_StillWrittenBeforeFields()
    {
        Assert.Equal($"m,t=1 f=1i,g=2i {Time}\n", Line(b => b.Begin("m").Field("f", 1L).Tag("t", 1).Field("g", 2L)));
    }

    [Fact]
    public void End_NoField_ThrowsClearMessageAndWritesNothing()
    {
        var builder = new LineProtocolBuilder();
        builder.Begin("m").Tag("t", "v").Field("nan", double.NaN);

        var error = Assert.Throws<InvalidOperationException>(builder.End);

        Assert.Equal("Cannot write the point: a point needs at least one field (line protocol requires one).", error.Message);
        Assert.Equal(0, builder.WrittenSpan.Length);
    }

    [Fact]
    public void TryEnd_EmptyFieldKey_ReturnsFalse()
    {
        var builder = new LineProtocolBuilder();

        Assert.False(builder.Begin("m").Field("", 1L).Field("ok", 1L).TryEnd());
        Assert.Equal("a field key is empty", builder.Error);
    }

    [Fact]
    public void End_NoTimestampSet_UsesTimeProviderNowInNanoseconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        var builder = new LineProtocolBuilder(time);

        builder.Begin("m").Field("f", 1L).End();

        Assert.Equal("m f=1i 1700000000123000000\n", builder.ToString());
    }

    [Fact]
    public void End_SeveralPoints_AppendsLinesAndCounts()
    {
        var builder = new LineProtocolBuilder();
        builder.Begin("a").Field("f", 1L).Timestamp(1).End();
        builder.Begin("b").Field("f", 2L).Timestamp(2).End();

        Assert.Equal("a f=1i 1\nb f=2i 2\n", builder.ToString());
        Assert.Equal(2, builder.PointCount);
    }

    private static string Line(Func<LineProtocolBuilder, LineProtocolBuilder> build)
    {
        var builder = new LineProtocolBuilder();
        build(builder).Timestamp(Time).End();
        return builder.ToString();
    }
}
