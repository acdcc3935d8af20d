namespace Actors.Errors;

/// <summary>
/// The one typed error of the domain: bad input or an operation the current state forbids.
/// Whoever throws it guarantees that no state was changed. <see cref="Error"/> says what kind,
/// the message names the offending value.
/// </summary>
[GenerateSerializer, Alias("Actors.DomainException")]
public sealed class DomainException : Exception
{
    public DomainException(DomainError error, string message)
        : base(message)
    {
        Error = error;
    }

    public DomainException()
        : this(DomainError.InvalidArgument, "Invalid argument.")
    {
    }

    public DomainException(string message)
        : this(DomainError.InvalidArgument, message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = DomainError.InvalidArgument;
    }

    [Id(0)]
    public DomainError Error { get; private set; }
}
