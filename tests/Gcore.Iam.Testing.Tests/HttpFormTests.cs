using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// The forms of HTTP/1.1 a client may send, which the fake reads on every target (Kestrel on .NET,
/// its own loopback server on netstandard2.0 and .NET Framework, where the suite runs a second time).
/// </summary>
[TestFixture]
public sealed class HttpFormTests : FakeServerTestBase
{
    [TestCase(false, false)]
    [TestCase(true, false)]  // .NET Framework's HttpClient asks first before sending a body.
    [TestCase(false, true)]  // A body of unknown length.
    [TestCase(true, true)]
    public async Task A_body_sent_after_Expect_100_continue_or_in_chunks_is_read_and_applied(bool expectContinue, bool chunked)
    {
        using var http = new HttpClient { BaseAddress = Fake.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Patch, "iam/users/1")
        {
            Content = new StringContent("""{"name": "Chunked Expect"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "APIKey " + Fake.ApiKey);
        request.Headers.ExpectContinue = expectContinue;
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Fake.Users.Single(u => u.Id == 1).Name, Is.EqualTo("Chunked Expect"));
            Assert.That(Fake.Requests.Single().Body, Does.Contain("Chunked Expect"));
        });
    }

    [Test]
    public async Task Several_requests_on_one_kept_alive_connection_are_each_answered()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Fake.BaseUrl.Port);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var get = $"GET /iam/users/2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: APIKey {Fake.ApiKey}\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(get + get);

        await stream.WriteAsync(bytes);
        var text = await ReadUntilAsync(stream, twice: "john.doe@example.com");

        Assert.Multiple(() =>
        {
            Assert.That(text.Split("HTTP/1.1 200 ").Length - 1, Is.EqualTo(2), text);
            Assert.That(Fake.Requests, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_request_that_is_not_HTTP_is_refused_with_400_and_never_handled()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Fake.BaseUrl.Port);
        using var stream = new NetworkStream(socket, ownsSocket: false);

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HELLO THERE\r\n\r\n"));
        var text = await ReadUntilAsync(stream, twice: null);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("HTTP/1.1 400 "));
            Assert.That(Fake.Requests, Is.Empty);
        });
    }

    /// <summary>Reads until <paramref name="twice"/> was seen twice, or the server closed the connection.</summary>
    private static async Task<string> ReadUntilAsync(NetworkStream stream, string? twice)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (text.ToString().Split(twice ?? "\u0000").Length < 3)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
