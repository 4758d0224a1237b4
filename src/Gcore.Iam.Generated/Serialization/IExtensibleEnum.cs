namespace Gcore.Iam.Serialization;

/// <summary>
/// Implemented by the generated enum structs (templates/Enum.liquid), so that
/// <see cref="ExtensibleEnumConverter{T}"/> can create a value without reflection. <see cref="FromValue"/>
/// is an instance member called on <c>default(TSelf)</c> (a constrained call on a struct, no allocation),
/// not a static abstract one: that needs a .NET 7 runtime, and the library also targets netstandard2.0.
/// </summary>
/// <typeparam name="TSelf">The enum struct.</typeparam>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    /// <summary>The value as the API spells it.</summary>
    string Value { get; }

    /// <summary>The known instance for <paramref name="value"/>, or a new one that keeps it as it came (whatever this instance holds).</summary>
    TSelf FromValue(string value);
}
