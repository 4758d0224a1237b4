using Newtonsoft.Json.Serialization;

namespace Gcore.Iam.Serialization;

/// <summary>A request body that checks the caller's input before it is written.</summary>
internal interface IValidatedRequest
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the field when the body cannot be sent.</summary>
    void Validate();
}

/// <summary>
/// Newtonsoft's default contracts, plus a direct (not reflected, so not wrapped) call to
/// <see cref="IValidatedRequest.Validate"/> before a request body is written. One shared
/// instance, so contracts are built once per type for the whole process.
/// </summary>
internal sealed class GcoreIamContractResolver : DefaultContractResolver
{
    public static readonly GcoreIamContractResolver Instance = new();

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        if (typeof(IValidatedRequest).IsAssignableFrom(objectType))
        {
            contract.OnSerializingCallbacks.Add(static (value, _) => ((IValidatedRequest)value).Validate());
        }

        return contract;
    }
}
