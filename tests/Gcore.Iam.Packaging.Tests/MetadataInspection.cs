using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace Gcore.Iam.Packaging.Tests;

/// <summary>Reads what the tests need from an assembly and its portable PDB, with System.Reflection.Metadata only.</summary>
internal static class MetadataInspection
{
    /// <summary>CustomDebugInformation kind of an embedded source document.</summary>
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    /// <summary>CustomDebugInformation kind of the Source Link JSON.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static readonly Guid Sha256Algorithm = new("8829d00f-11b8-4213-878b-770e8597ac16");
    private static readonly Guid Sha1Algorithm = new("ff1816ec-aa5e-4d10-87f7-6f4963833460");

    /// <summary>What a test asks of an assembly.</summary>
    /// <param name="Name">The assembly's simple name.</param>
    /// <param name="TargetFramework">Its TargetFrameworkAttribute value, such as <c>.NETCoreApp,Version=v8.0</c>.</param>
    /// <param name="InformationalVersion">Its AssemblyInformationalVersionAttribute value.</param>
    /// <param name="PublicTypes">The documentation ids (<c>T:Namespace.Name</c>) of its public top-level types.</param>
    /// <param name="PdbId">The id of the PDB it was built with (from the CodeView debug entry).</param>
    /// <param name="PdbPath">The PDB path recorded in the CodeView entry.</param>
    internal sealed record AssemblyFacts(string Name, string? TargetFramework, string? InformationalVersion, IReadOnlyList<string> PublicTypes, BlobContentId PdbId, string PdbPath);

    /// <summary>A source document of a PDB.</summary>
    /// <param name="Name">The path the compiler recorded (after path mapping).</param>
    /// <param name="EmbeddedText">The embedded source bytes, or null when not embedded.</param>
    /// <param name="HashMatches">Whether the embedded bytes hash to the document's checksum (false when not embedded).</param>
    internal sealed record PdbDocument(string Name, byte[]? EmbeddedText, bool HashMatches);

    /// <summary>What a test asks of a portable PDB.</summary>
    /// <param name="Id">The PDB id.</param>
    /// <param name="Documents">Its source documents.</param>
    /// <param name="SourceLinkJson">The Source Link JSON, or null.</param>
    internal sealed record PdbFacts(BlobContentId Id, IReadOnlyList<PdbDocument> Documents, string? SourceLinkJson);

    internal static AssemblyFacts ReadAssembly(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var md = pe.GetMetadataReader();
        var assembly = md.GetAssemblyDefinition();

        var publicTypes = md.TypeDefinitions
            .Select(md.GetTypeDefinition)
            .Where(t => t.GetDeclaringType().IsNil && (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(t => "T:" + (t.Namespace.IsNil ? "" : md.GetString(t.Namespace) + ".") + md.GetString(t.Name))
            .Order(StringComparer.Ordinal)
            .ToList();

        var codeView = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.CodeView);
        var codeViewData = pe.ReadCodeViewDebugDirectoryData(codeView);

        return new AssemblyFacts(
            md.GetString(assembly.Name),
            AssemblyAttributeString(md, "System.Runtime.Versioning.TargetFrameworkAttribute"),
            AssemblyAttributeString(md, "System.Reflection.AssemblyInformationalVersionAttribute"),
            publicTypes,
            new BlobContentId(codeViewData.Guid, codeView.Stamp),
            codeViewData.Path);
    }

    internal static PdbFacts ReadPdb(byte[] pdbBytes)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdbBytes));
        var pdb = provider.GetMetadataReader();
        var documents = new List<PdbDocument>();
        foreach (var handle in pdb.Documents)
        {
            var document = pdb.GetDocument(handle);
            var name = pdb.GetString(document.Name);
            byte[]? text = null;
            foreach (var cdiHandle in pdb.GetCustomDebugInformation(handle))
            {
                var cdi = pdb.GetCustomDebugInformation(cdiHandle);
                if (pdb.GetGuid(cdi.Kind) == EmbeddedSourceKind)
                {
                    text = DecodeEmbeddedSource(pdb.GetBlobBytes(cdi.Value));
                }
            }

            var hashMatches = text is not null && HashOf(pdb.GetGuid(document.HashAlgorithm), text).AsSpan().SequenceEqual(pdb.GetBlobBytes(document.Hash));
            documents.Add(new PdbDocument(name, text, hashMatches));
        }

        string? sourceLink = null;
        foreach (var cdiHandle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var cdi = pdb.GetCustomDebugInformation(cdiHandle);
            if (pdb.GetGuid(cdi.Kind) == SourceLinkKind)
            {
                sourceLink = System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(cdi.Value));
            }
        }

        return new PdbFacts(new BlobContentId(pdb.DebugMetadataHeader!.Id), documents, sourceLink);
    }

    /// <summary>Embedded source blob: an int32 (0 = raw bytes follow, otherwise the size after inflating) and the bytes.</summary>
    private static byte[] DecodeEmbeddedSource(byte[] blob)
    {
        var format = BitConverter.ToInt32(blob, 0);
        if (format == 0)
        {
            return blob[4..];
        }

        using var inflate = new DeflateStream(new MemoryStream(blob, 4, blob.Length - 4), CompressionMode.Decompress);
        using var output = new MemoryStream(format);
        inflate.CopyTo(output);
        var bytes = output.ToArray();
        if (bytes.Length != format)
        {
            throw new InvalidDataException($"An embedded source inflated to {bytes.Length} bytes instead of {format}.");
        }

        return bytes;
    }

    private static byte[] HashOf(Guid algorithm, byte[] bytes)
    {
        if (algorithm == Sha256Algorithm)
        {
            return SHA256.HashData(bytes);
        }

        if (algorithm == Sha1Algorithm)
        {
#pragma warning disable CA5350 // SHA1 only to check a checksum the compiler wrote, not for security.
            return SHA1.HashData(bytes);
#pragma warning restore CA5350
        }

        throw new InvalidDataException($"Unknown document checksum algorithm {algorithm}.");
    }

    private static string? AssemblyAttributeString(MetadataReader md, string attributeFullName)
    {
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (AttributeTypeName(md, attribute) != attributeFullName)
            {
                continue;
            }

            var value = md.GetBlobReader(attribute.Value);
            if (value.ReadUInt16() != 1)
            {
                throw new InvalidDataException($"{attributeFullName}: custom attribute blob without its prolog.");
            }

            return value.ReadSerializedString();
        }

        return null;
    }

    private static string? AttributeTypeName(MetadataReader md, CustomAttribute attribute)
    {
        EntityHandle type;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                type = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                break;
            case HandleKind.MethodDefinition:
                type = md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                break;
            default:
                return null;
        }

        return type.Kind switch
        {
            HandleKind.TypeReference => Name(md.GetTypeReference((TypeReferenceHandle)type).Namespace, md.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => Name(md.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, md.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => null,
        };

        string Name(StringHandle ns, StringHandle name) => md.GetString(ns) + "." + md.GetString(name);
    }
}
