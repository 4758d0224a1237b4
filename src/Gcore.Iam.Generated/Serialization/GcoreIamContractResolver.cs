using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Gcore.Iam.Serialization;

/// <summary>A request body that checks the caller's input before it is written.</summary>
internal interface IValidatedRequest
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the field when the body cannot be sent.</summary>
    void Validate();
}

/// <summary>
/// The one place where the client's reading rules for every model live (the generated models only
/// state the contract: <c>[JsonProperty(Required = ...)]</c> as Gcore's description says):
/// <list type="bullet">
/// <item><b>Tolerant</b> (the default): a member the description marks required but the answer lacks
/// reads as absent: the property keeps its default (null, 0, <c>""</c>, an empty list). A
/// <c>null</c> in such a member reads as absent too. Gcore's answers do not carry exactly the members
/// its description marks required, and Gcore's own SDKs read them leniently.</item>
/// <item><b>Strict</b> (<see cref="GcoreIamClientOptions.StrictResponses"/>): the required members are
/// enforced as generated, for contract tests against live Gcore.</item>
/// <item>Both: integers accept whole-number floats (<c>137.0</c>) through
/// <see cref="WholeNumberConverter"/>; a request body is validated
/// (<see cref="IValidatedRequest.Validate"/>, a direct call, not reflected, so not wrapped) before it
/// is written.</item>
/// </list>
/// One shared instance per mode and reader, so contracts are built once per type for the whole
/// process. The generated clients read with <see cref="WholeNumberJsonReader"/> and use
/// <see cref="ClientTolerant"/> / <see cref="ClientStrict"/>: their <c>int</c> members have no
/// converter, the reader takes whole-number floats itself (one allocation per value instead of two).
/// Code that reads with any other reader (the fake server, tests, tools) gets <see cref="Tolerant"/> /
/// <see cref="Strict"/>, where <see cref="WholeNumberConverter"/> does the same.
/// </summary>
internal sealed class GcoreIamContractResolver : DefaultContractResolver
{
    public static readonly GcoreIamContractResolver Tolerant = new(strict: false, wholeNumberReader: false);

    public static readonly GcoreIamContractResolver Strict = new(strict: true, wholeNumberReader: false);

    /// <summary>Tolerant, for a serializer that reads only through <see cref="WholeNumberJsonReader"/>.</summary>
    public static readonly GcoreIamContractResolver ClientTolerant = new(strict: false, wholeNumberReader: true);

    /// <summary>Strict, for a serializer that reads only through <see cref="WholeNumberJsonReader"/>.</summary>
    public static readonly GcoreIamContractResolver ClientStrict = new(strict: true, wholeNumberReader: true);

    private readonly bool _strict;
    private readonly bool _wholeNumberReader;

    private GcoreIamContractResolver(bool strict, bool wholeNumberReader)
    {
        _strict = strict;
        _wholeNumberReader = wholeNumberReader;
    }

    protected override JsonContract CreateContract(Type objectType)
    {
        // A member typed IList<T> (the generated optional lists) is read straight into a List<T>:
        // Newtonsoft's own contract for the interface creates the List<T> and then wraps it in a
        // CollectionWrapper (and its object[]) for every list it reads.
        if (objectType.IsInterface && objectType.IsGenericType && objectType.GetGenericTypeDefinition() == typeof(IList<>))
        {
            return base.CreateContract(typeof(List<>).MakeGenericType(objectType.GetGenericArguments()));
        }

        if (ExtensibleEnumContract(objectType) is { } enumContract)
        {
            return enumContract;
        }

        var contract = base.CreateContract(objectType);
        var readerTakesIt = _wholeNumberReader && (objectType == typeof(int) || objectType == typeof(int?));
        if (contract.Converter is null && WholeNumberConverter.Handles(objectType) && !readerTakesIt)
        {
            contract.Converter = WholeNumberConverter.Instance;
        }

        return contract;
    }

    /// <summary>
    /// An extensible enum (a struct the template marks with <see cref="ExtensibleEnumConverter{T}"/>) is
    /// read and written only by its converter: its contract is the converter alone, without the object
    /// contract Newtonsoft would build first (its members, constructors and their emitted delegates).
    /// </summary>
    private static JsonStringContract? ExtensibleEnumContract(Type objectType)
    {
        var type = Nullable.GetUnderlyingType(objectType) ?? objectType;
        if (!type.IsValueType
            || type.GetCustomAttribute<JsonConverterAttribute>(inherit: false) is not { ConverterType: { IsGenericType: true } converterType }
            || converterType.GetGenericTypeDefinition() != typeof(ExtensibleEnumConverter<>))
        {
            return null;
        }

        return new JsonStringContract(objectType) { Converter = (JsonConverter)Activator.CreateInstance(converterType)! };
    }

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        if (typeof(IValidatedRequest).IsAssignableFrom(objectType))
        {
            contract.OnSerializingCallbacks.Add(static (value, _) => ((IValidatedRequest)value).Validate());
        }

        return contract;
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (!_strict && property.Required != Required.Default)
        {
            // A member that may not be null (Required.Always) keeps its default when the answer says
            // null; one that may (Required.AllowNull) reads and writes null as before. Request bodies
            // are checked by IValidatedRequest before they are written, so this only relaxes reading.
            if (property.Required == Required.Always)
            {
                property.NullValueHandling = NullValueHandling.Ignore;
            }

            property.Required = Required.Default;
        }

        return property;
    }
}
