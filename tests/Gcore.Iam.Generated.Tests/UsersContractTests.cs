using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests;

[TestFixture]
public class UsersContractTests : GcoreIamTestBase
{
    [Test]
    public async Task GetUser_sends_GET_with_the_key_and_maps_every_field()
    {
        Server.Given(Request.Create().WithPath("/iam/users/101").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json").WithBody(Fixture("user.json")));

        var user = await Client.Users.GetUserAsync(101);

        var request = Server.LogEntries.Single().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/users/101"));
            Assert.That(request.Headers!["Authorization"], Is.EqualTo(new[] { "APIKey " + ApiKey }));
            Assert.That(user.Id, Is.EqualTo(101));
            Assert.That(user.Email, Is.EqualTo("anna.schmidt@example.com"));
            Assert.That(user.Name, Is.EqualTo("Anna Schmidt"));
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.De));
            Assert.That(user.Client, Is.EqualTo(200001L));
            Assert.That(user.TwoFa, Is.True);
            Assert.That(user.AuthTypes, Is.EqualTo(new[] { AuthType.Password, AuthType.Github }));
            Assert.That(user.UserType, Is.EqualTo(UserType.Common));
            Assert.That(user.Groups![0].Name, Is.EqualTo("Administrators"));
            Assert.That(user.ClientAndRoles![0].UserRoles, Is.EqualTo(new[] { "1" }));
        });
    }

    [Test]
    public async Task UpdateUser_sends_only_set_fields_and_an_explicit_null()
    {
        Server.Given(Request.Create().WithPath("/iam/users/101").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json").WithBody(Fixture("user.json")));

        await Client.Users.UpdateUserAsync(101, new UserUpdate { Lang = UserLanguage.En, Phone = null });

        var body = JToken.Parse(Server.LogEntries.Single().RequestMessage!.Body!);
        Assert.That(JToken.DeepEquals(body, JObject.Parse("""{"lang":"en","phone":null}""")), Is.True, body.ToString());
    }
}
