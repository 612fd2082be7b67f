using Monitoring.Lib.Influx.Internal;

namespace Monitoring.Lib.Tests.Influx;

public sealed class PartialWriteTests
{
    [Theory]
    [InlineData("partial write: field type conflict: input field \"f\" on measurement \"m\" is type string, already exists as type integer dropped=1", 4, 1)]
    [InlineData("failure writing points to database: partial write: points beyond retention policy dropped=12", 20, 12)]
    [InlineData("unable to parse 'm f=': missing field value", 7, 7)]
    [InlineData("partial write: no count given", 5, 5)]
    [InlineData("partial write: dropped=99", 5, 5)]
    public void DroppedPoints_ServerMessage_ReadsTheDroppedCountOrTheWholeBatch(string message, int batch, int expected) =>
        Assert.Equal(expected, PartialWrite.DroppedPoints(message, batch));
}
