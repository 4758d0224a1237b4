using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Gcore.Iam.Serialization;

/// <summary>
/// Names the member of an answer that could not be read, for the message of a
/// <see cref="GcoreIamInvalidResponseException"/>: the JSON path Newtonsoft reports, and, where it
/// leads, the model and member it is. Also knows the members Gcore's description types as
/// <c>number</c> while this client reads whole numbers (the spec's integer fixes, <c>x-gcore-fix</c>
/// <c>user-client-integer</c> and <c>login-activity-count-integer</c>; <c>NumberTypedMembersTests</c>
/// holds this list to the committed spec), so that a fraction there is reported as what it is.
/// </summary>
internal static class AnswerMembers
{
    /// <summary>The members Gcore's description types <c>number</c> that this client reads as integers, by model type and JSON name.</summary>
    internal static readonly IReadOnlyList<(Type Model, string Member)> NumberTyped =
    [
        (typeof(User), "client"),
        (typeof(AccountUser), "client"),
        (typeof(LoginActivityPage), "count"),
    ];

    /// <summary>The path of the exception (Newtonsoft's reader and serializer errors carry it), or null.</summary>
    public static string? PathOf(JsonException e) => e switch
    {
        JsonSerializationException { Path: { Length: > 0 } path } => path,
        JsonReaderException { Path: { Length: > 0 } path } => path,
        _ => null,
    };

    /// <summary>Whether <paramref name="path"/>, read from <paramref name="root"/>, ends at a member Gcore's description types as a number.</summary>
    public static bool IsNumberTyped(Type root, string path, IContractResolver resolver)
    {
        var (model, member) = Walk(root, path, resolver);
        return model is not null && NumberTyped.Any(n => n.Model == model && n.Member == member);
    }

    /// <summary>The model type that declares the last member of <paramref name="path"/>, and that member's JSON name.</summary>
    private static (Type? Model, string Member) Walk(Type root, string path, IContractResolver resolver)
    {
        var type = root;
        Type? declaring = null;
        var member = "";
        foreach (var segment in path.Split('.'))
        {
            var name = segment;
            var index = name.IndexOf('[', StringComparison.Ordinal);
            var indexes = index < 0 ? 0 : name[index..].Count(c => c == '[');
            if (index >= 0)
            {
                name = name[..index];
            }

            if (name.Length > 0)
            {
                if (resolver.ResolveContract(type) is not JsonObjectContract contract || contract.Properties.GetClosestMatchProperty(name) is not { PropertyType: { } next })
                {
                    return (null, name);
                }

                (declaring, member, type) = (type, name, next);
            }

            for (var i = 0; i < indexes; i++)
            {
                type = ElementOf(type) ?? type;
            }
        }

        return (declaring, member);
    }

    private static Type? ElementOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
        {
            return underlying.GetElementType();
        }

        var enumerable = underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? underlying
            : underlying.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] is { } element && element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
            ? element.GetGenericArguments()[1]
            : enumerable?.GetGenericArguments()[0];
    }

    /// <summary>"operation (GET /path)", as the messages name an operation.</summary>
    public static string Describe(Diagnostics.GcoreIamOperation operation) =>
        FormattableString.Invariant($"{operation.Name} ({operation.Method} {operation.UrlTemplate})");
}
