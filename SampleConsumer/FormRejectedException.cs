namespace MonitoringStack.SampleConsumer;

/// <summary>A form the consumer cannot process: it goes to the dead-letter topic with this message as the reason.</summary>
public sealed class FormRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FormRejectedException()
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public FormRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public FormRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
