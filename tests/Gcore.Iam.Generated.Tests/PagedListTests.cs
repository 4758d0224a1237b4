using System.Globalization;
using NSwag;

namespace Gcore.Iam.Tests;

/// <summary>
/// Every paged list of the spec (the operations the operation table declares paged: <c>x-gcore-paging</c>),
/// found at run time, not listed here: each refuses a <c>limit</c> or <c>offset</c> outside the spec's
/// bounds before anything is sent, and its generated walker walks every page.
/// </summary>
[TestFixture]
public sealed class PagedListTests : GcoreIamTestBase
{
    private const string PagingExtension = "x-gcore-paging";

    private static IEnumerable<Operation> Paged => Operation.All.Where(o => o.SpecOperation.ExtensionData?.ContainsKey(PagingExtension) == true);

    /// <summary>For each paged list and each of limit and offset: values below its minimum and above its maximum.</summary>
    public static IEnumerable<TestCaseData> OutOfRange()
    {
        foreach (var operation in Paged)
        {
            foreach (var parameter in operation.SpecOperation.ActualParameters.Where(p => p.Name is "limit" or "offset"))
            {
                var schema = parameter.ActualSchema;
                var values = new List<long>();
                if (schema.Minimum is { } minimum)
                {
                    values.AddRange([(long)minimum - 1, (long)minimum - 6, int.MinValue]);
                }

                if (schema.Maximum is { } maximum)
                {
                    values.AddRange([(long)maximum + 1, int.MaxValue]);
                }

                foreach (var value in values.Where(v => v is >= int.MinValue and <= int.MaxValue).Distinct())
                {
                    yield return new TestCaseData(operation, parameter.Name, (int)value)
                        .SetArgDisplayNames(operation.Name, parameter.Name, value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    [Test]
    public void Every_list_with_limit_and_offset_is_a_declared_paged_list_with_bounds_on_both()
    {
        var withLimitAndOffset = Operation.All.Where(o => o.SpecOperation.ActualParameters.Any(p => p.Name == "limit") && o.SpecOperation.ActualParameters.Any(p => p.Name == "offset")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(withLimitAndOffset, Is.Not.Empty);
            Assert.That(Paged, Is.EquivalentTo(withLimitAndOffset), "every list with limit and offset is declared paged in the operation table, and no other");
            foreach (var operation in withLimitAndOffset)
            {
                var limit = operation.SpecOperation.ActualParameters.Single(p => p.Name == "limit").ActualSchema;
                var offset = operation.SpecOperation.ActualParameters.Single(p => p.Name == "offset").ActualSchema;
                Assert.That(limit.Minimum, Is.EqualTo(1m), $"{operation}: the smallest limit");
                Assert.That(offset.Minimum, Is.EqualTo(0m), $"{operation}: the smallest offset");
            }
        });
    }

    [TestCaseSource(nameof(OutOfRange))]
    public void An_out_of_range_limit_or_offset_is_refused_before_sending(Operation operation, string parameter, int value)
    {
        RespondRaw(operation.Method, operation.Path, 200, """{"count": 0, "results": [], "result": []}""");
        var arguments = new Dictionary<string, object?> { ["limit"] = 10, ["offset"] = 0, [parameter] = value };

        var e = Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => operation.CallWith(Client, arguments))!;

        Assert.Multiple(() =>
        {
            Assert.That(e, Is.InstanceOf<ArgumentException>());
            Assert.That(e.ParamName, Is.EqualTo(parameter));
            Assert.That(e.Message, Does.Contain(parameter + " must be"), "the message names the parameter and its bound");
            Assert.That(Server.LogEntries, Is.Empty, "nothing was sent");
        });
    }

    [TestCaseSource(nameof(PagedLists))]
    public async Task The_generated_walker_walks_every_page_and_stops_at_the_total(Operation operation)
    {
        var paging = ToDictionary(operation.SpecOperation.ExtensionData![PagingExtension]);
        var items = (string)paging["items"]!;
        var walker = (string)paging["walker"]!;
        // Five items in pages of two: offsets 0, 2 and 4, then the total is reached.
        foreach (var (offset, ids) in new[] { (0, new[] { 1, 2 }), (2, new[] { 3, 4 }), (4, new[] { 5 }) })
        {
            var body = $$"""{"count": 5, "next": null, "previous": null, "{{items}}": [{{string.Join(", ", ids.Select(id => $$"""{"id": {{id}}}"""))}}]}""";
            Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(operation.Path).UsingGet()
                    .WithParam("offset", offset.ToString(CultureInfo.InvariantCulture)))
                .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
        }

        var area = typeof(GcoreIamClient).GetProperty(operation.Area)!.GetValue(Client)!;
        var pageable = area.GetType().GetMethod(walker + "Async")!.Invoke(area, [2, CancellationToken.None])!;
        var itemType = pageable.GetType().BaseType!.GetGenericArguments()[0];
        var walk = typeof(PagedListTests).GetMethod(nameof(WalkAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(itemType);
        var (offsets, nextOffsets) = await (Task<(List<int>, List<int?>)>)walk.Invoke(null, [pageable])!;

        Assert.Multiple(() =>
        {
            Assert.That(offsets, Is.EqualTo(new[] { 0, 2, 4 }));
            Assert.That(nextOffsets, Is.EqualTo(new int?[] { 2, 4, null }));
            Assert.That(Server.LogEntries.Select(e => e.RequestMessage!.RawQuery!.TrimStart('?')), Is.EqualTo(new[] { "limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4" }));
        });
    }

    /// <summary>The offset and next offset of each page of a walk.</summary>
    private static async Task<(List<int> Offsets, List<int?> NextOffsets)> WalkAsync<T>(GcoreIamPageable<T> pageable)
    {
        var offsets = new List<int>();
        var nextOffsets = new List<int?>();
        await foreach (var page in pageable.AsPages())
        {
            offsets.Add(page.Offset);
            nextOffsets.Add(page.NextOffset);
        }

        return (offsets, nextOffsets);
    }

    private static IEnumerable<TestCaseData> PagedLists() => Paged.Select(o => new TestCaseData(o).SetArgDisplayNames(o.Name));

    private static Dictionary<string, object?> ToDictionary(object? value) => value switch
    {
        IDictionary<string, object?> map => new Dictionary<string, object?>(map),
        Newtonsoft.Json.Linq.JObject json => json.Properties().ToDictionary(p => p.Name, p => (object?)p.Value.ToString()),
        System.Collections.IDictionary map => map.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => map[k]),
        _ => throw new InvalidOperationException($"x-gcore-paging is not an object: {value?.GetType().Name ?? "null"}."),
    };
}
