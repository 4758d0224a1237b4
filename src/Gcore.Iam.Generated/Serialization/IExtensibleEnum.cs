namespace Gcore.Iam.Serialization;

/// <summary>
/// Implemented by the generated enum structs (templates/Enum.liquid), so that
/// <see cref="ExtensibleEnumConverter{T}"/> can create a value without reflection.
/// </summary>
/// <typeparam name="TSelf">The enum struct.</typeparam>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    /// <summary>The value as the API spells it.</summary>
    string Value { get; }

    /// <summary>The known instance for <paramref name="value"/>, or a new one that keeps it as it came.</summary>
    static abstract TSelf FromValue(string value);
}
