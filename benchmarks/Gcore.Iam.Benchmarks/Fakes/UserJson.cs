using System.Buffers;
using System.Text.Json;

namespace Gcore.Iam.Benchmarks.Fakes;

/// <summary>
/// Realistic user JSON as the IAM API sends it (field order, snake_case names, roles as strings,
/// nulls, optional members), deterministic so that every run serves the same bytes.
/// </summary>
public static class UserJson
{
    private static readonly string[] FirstNames = ["Anna", "Jonas", "Olga", "Wei", "Leyla", "Marco", "Sofia", "Dmitri", "Emma", "Kenji"];
    private static readonly string[] LastNames = ["Schmidt", "Novak", "Ivanova", "Chen", "Aliyeva", "Rossi", "Garcia", "Petrov", "Dubois", "Tanaka"];
    private static readonly string[] Languages = ["en", "de", "ru", "zh", "az"];
    private static readonly (int Id, string Name)[] Groups =
    [
        (1, "Administrators"), (2, "Users"), (5, "Engineers"), (3009, "Purge and Prefetch only (API+Web)"), (3022, "Purge and Prefetch only (API)"),
    ];

    /// <summary>The JSON of user <paramref name="id"/>.</summary>
    public static byte[] User(int id)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteUser(writer, id);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The envelope <c>GET /iam/users?limit=..&amp;offset=..</c> answers: users
    /// <paramref name="offset"/> + 1 .. of <paramref name="total"/>, at most <paramref name="limit"/>.
    /// </summary>
    public static byte[] Page(int offset, int limit, int total)
    {
        var buffer = new ArrayBufferWriter<byte>(limit * 700 + 256);
        WritePage(buffer, offset, limit, total);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a page (see <see cref="Page"/>) into <paramref name="output"/>.</summary>
    public static void WritePage(IBufferWriter<byte> output, int offset, int limit, int total)
    {
        var count = Math.Max(0, Math.Min(limit, total - offset));
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteNumber("count", total);
        if (offset + count < total)
        {
            writer.WriteString("next", $"https://api.gcore.com/iam/users?limit={limit}&offset={offset + count}");
        }
        else
        {
            writer.WriteNull("next");
        }

        if (offset > 0)
        {
            writer.WriteString("previous", $"https://api.gcore.com/iam/users?limit={limit}&offset={Math.Max(0, offset - limit)}");
        }
        else
        {
            writer.WriteNull("previous");
        }

        writer.WriteStartArray("results");
        for (var i = 0; i < count; i++)
        {
            WriteUser(writer, offset + i + 1);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter writer, int id)
    {
        var first = FirstNames[id % FirstNames.Length];
        var last = LastNames[id / FirstNames.Length % LastNames.Length];
        var client = 200000 + id / 25; // about 25 users per account
        var company = $"{last} {(id % 3 == 0 ? "GmbH" : id % 3 == 1 ? "Ltd" : "LLC")} #{client}";
        writer.WriteStartObject();
        writer.WriteNumber("id", id);
        writer.WriteString("email", $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{id}@example.com");
        if (id % 11 == 0)
        {
            writer.WriteNull("name");
        }
        else
        {
            writer.WriteString("name", $"{first} {last}");
        }

        if (id % 4 == 0)
        {
            writer.WriteNull("phone");
        }
        else
        {
            writer.WriteString("phone", $"+49 30 {1000000 + id % 9000000}");
        }

        writer.WriteString("lang", Languages[id % Languages.Length]);
        writer.WriteString("company", company);
        writer.WriteNumber("reseller", 1);
        writer.WriteNumber("client", client);
        writer.WriteBoolean("deleted", id % 97 == 0);
        writer.WriteBoolean("activated", id % 13 != 0);
        writer.WriteBoolean("is_active", id % 17 != 0);
        writer.WriteBoolean("sso_auth", id % 7 == 0);
        writer.WriteBoolean("two_fa", id % 2 == 0);
        writer.WriteStartArray("groups");
        var group = Groups[id % 25 == 0 ? 0 : id % Groups.Length];
        writer.WriteStartObject();
        writer.WriteNumber("id", group.Id);
        writer.WriteString("name", group.Name);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartArray("auth_types");
        writer.WriteStringValue("password");
        if (id % 7 == 0)
        {
            writer.WriteStringValue("sso");
        }

        if (id % 5 == 0)
        {
            writer.WriteStringValue("github");
        }

        writer.WriteEndArray();
        writer.WriteString("user_type", id % 50 == 0 ? "reseller" : "common");
        if (id % 3 == 0)
        {
            // Often absent, as the reference says.
            writer.WriteStartArray("client_and_roles");
            writer.WriteStartObject();
            writer.WriteNumber("client_id", client);
            writer.WriteString("client_company_name", company);
            writer.WriteNumber("user_id", id);
            writer.WriteStartArray("user_roles");
            writer.WriteStringValue(group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
