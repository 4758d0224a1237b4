namespace Gcore.Iam.Testing.Spec;

/// <summary>The ways an answer can part from the client's spec (<see cref="GcoreIamSpecCheck.CheckResponse"/>).</summary>
public enum GcoreIamDeviationKind
{
    /// <summary>A member the spec requires is absent.</summary>
    MemberAbsent,

    /// <summary>A member the spec does not describe is present (in an object whose members the spec lists).</summary>
    MemberExtra,

    /// <summary>A value of another JSON type than the spec's (a string where a number belongs, say).</summary>
    WrongType,

    /// <summary>A whole number written as a float (<c>7.0</c>) where the spec says <c>integer</c>.</summary>
    WholeNumberAsFloat,

    /// <summary>An enum value the spec does not list.</summary>
    UnknownEnumValue,

    /// <summary><c>null</c> where the spec does not allow it.</summary>
    NullNotNullable,

    /// <summary>A status the spec does not list for the operation.</summary>
    OtherStatus,

    /// <summary>Another answer shape than the spec's: an array for an object, an object for an array, a body where none is described, or none where one is.</summary>
    OtherShape,
}

/// <summary>One place where an answer parts from the client's spec.</summary>
/// <param name="Operation">The spec's operationId, such as <c>Account_GetAccountOverview</c>.</param>
/// <param name="Location">Where in the answer's body, as a JSON pointer (RFC 6901; empty for the whole body or the status).</param>
/// <param name="Kind">What kind of deviation.</param>
/// <param name="Expected">What the spec says, such as <c>integer</c> or <c>one of 200, 401</c>.</param>
/// <param name="Seen">What the answer has. A string's text is never shown (it may be a secret), only its kind; numbers, booleans and enum values are.</param>
public sealed record GcoreIamSpecDeviation(string Operation, string Location, GcoreIamDeviationKind Kind, string Expected, string Seen)
{
    /// <summary>The deviation on one line.</summary>
    /// <returns>For example <c>Account_GetAccountOverview /id: WrongType (expected integer, seen string)</c>.</returns>
    public override string ToString() => $"{Operation} {(Location.Length == 0 ? "(body)" : Location)}: {Kind} (expected {Expected}, seen {Seen})";
}
