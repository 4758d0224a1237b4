using Microsoft.Extensions.Options;

namespace Gcore.Iam.DependencyInjection;

/// <summary>
/// Validates the options of one <c>AddGcoreIam</c> registration with the options' one rule
/// (<see cref="GcoreIamClientOptions.Problem"/>), the credential included: run when the host starts
/// (<c>ValidateOnStart</c>), and without a host when the options are first read (the first client
/// resolved). The failure is an <see cref="OptionsValidationException"/> with the same message a
/// standalone client gives for the same problem.
/// </summary>
internal sealed class GcoreIamOptionsValidator(GcoreIamRegistration registration) : IValidateOptions<GcoreIamClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GcoreIamClientOptions options)
    {
        if ((name ?? Options.DefaultName) != registration.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        return options.Problem(registration.ClientName, requireCredential: true) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
