using System.ComponentModel.DataAnnotations;

namespace Actors.Hosting.Security;

/// <summary>
/// Mutual TLS between clients and silos and between silos (section <c>Actors:Tls</c>), on Orleans' TLS connection
/// support: every connection is encrypted, a silo proves itself with a certificate for <see cref="TargetHost"/> signed by
/// the cluster's CA, and a silo accepts only clients (and silos) that present a certificate signed by that CA. Files are
/// PEM, as <c>scripts/dev-ca.sh</c> writes them (or a .pfx/.p12 without a password as <see cref="CertificatePath"/>); they
/// are read when the silo or client starts (<see cref="ActorsTls.LoadMaterial"/>), which names a file it cannot read.
/// </summary>
public sealed class ActorsTlsOptions : IValidatableObject
{
    public const string SectionName = "Actors:Tls";
    public const string DefaultTargetHost = "actors-silo";

    /// <summary>Use TLS (default false: the embedded silo and local development speak plain TCP on loopback; read through
    /// <see cref="ActorsTls.Load"/>, a <see cref="CaPath"/> without an explicit Enabled turns it on).</summary>
    public bool Enabled { get; set; }

    /// <summary>This process's certificate (PEM, with <see cref="KeyPath"/>, or .pfx/.p12). A silo needs one; a client
    /// without one is refused by every silo that requires client certificates.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM); empty when <see cref="CertificatePath"/> holds it.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The CA certificate (PEM) that signs every silo's and client's certificate: the only root trusted.</summary>
    public string? CaPath { get; set; }

    /// <summary>A silo refuses connections without a client certificate signed by the CA (default true).</summary>
    public bool RequireClientCertificate { get; set; } = true;

    /// <summary>The name every silo certificate carries (subject alternative name); clients check it (default actors-silo).</summary>
    [Required, RegularExpression("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", ErrorMessage = "must be a DNS name such as actors-silo")]
    public string TargetHost { get; set; } = DefaultTargetHost;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(CaPath))
        {
            yield return new ValidationResult("is required with Enabled = true: the CA certificate (PEM) that signs the cluster's certificates", [nameof(CaPath)]);
        }

        if (!string.IsNullOrWhiteSpace(KeyPath) && string.IsNullOrWhiteSpace(CertificatePath))
        {
            yield return new ValidationResult("needs CertificatePath, the certificate the key belongs to", [nameof(KeyPath)]);
        }
    }
}
