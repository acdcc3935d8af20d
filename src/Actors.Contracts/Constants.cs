namespace Actors;

/// <summary>Names shared by the grains and the hosts.</summary>
public static class ActorsConstants
{
    /// <summary>The named grain storage every grain's state lives in.</summary>
    public const string StorageName = "actors";

    /// <summary>Actor name used for reads made on behalf of the messenger partner.</summary>
    public const string MessengerActor = "messenger";
}
