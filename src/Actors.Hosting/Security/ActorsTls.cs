using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Actors.Hosting.Security;

/// <summary>
/// <see cref="ActorsTlsOptions"/> applied to Orleans' <see cref="TlsOptions"/>: the certificate loaded from its files, the
/// remote side's certificate checked against the cluster's CA alone (not the machine's roots: a certificate any public CA
/// signed must not pass), the silo's name checked by clients, and certificates required both ways.
/// </summary>
public static class ActorsTls
{
    /// <summary>
    /// The settings of <c>Actors:Tls</c>, validated; the message of a bad one names its key. A CA to trust means TLS:
    /// with <c>CaPath</c> set and <c>Enabled</c> not given, TLS is on (as <c>--tls-ca</c> alone turns it on), so a
    /// configured CA is never silently ignored; <c>Enabled=false</c> still turns it off.
    /// </summary>
    public static ActorsTlsOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ActorsTlsOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(section[nameof(ActorsTlsOptions.CaPath)]) && section[nameof(ActorsTlsOptions.Enabled)] is null)
        {
            configuration = new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection([new($"{ActorsTlsOptions.SectionName}:{nameof(ActorsTlsOptions.Enabled)}", "true")]).Build();
        }

        return OptionsLoader.Load<ActorsTlsOptions>(configuration, ActorsTlsOptions.SectionName);
    }

    /// <summary>The material of enabled settings: the CA and this process's certificate (null when none is configured).</summary>
    /// <exception cref="OptionsValidationException">A file is not a certificate or key; the message names the key and the file.</exception>
    public static (X509Certificate2 Ca, X509Certificate2? Certificate) LoadMaterial(ActorsTlsOptions settings, bool certificateRequired)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (certificateRequired && string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            throw Invalid(nameof(ActorsTlsOptions.CertificatePath), "(default)", "is required for a silo with TLS: its certificate, signed by the CA, for " + settings.TargetHost);
        }

        var ca = Read(nameof(ActorsTlsOptions.CaPath), settings.CaPath!, () => X509CertificateLoader.LoadCertificateFromFile(settings.CaPath!));
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return (ca, null);
        }

        var path = settings.CertificatePath;
        var certificate = Read(nameof(ActorsTlsOptions.CertificatePath), path, () =>
            Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password: null)
                : X509Certificate2.CreateFromPemFile(path, string.IsNullOrWhiteSpace(settings.KeyPath) ? null : settings.KeyPath));
        if (!certificate.HasPrivateKey)
        {
            throw Invalid(nameof(ActorsTlsOptions.KeyPath), settings.KeyPath ?? "(default)", $"the certificate in '{path}' has no private key: give its key file");
        }

        return (ca, certificate);
    }

    /// <summary>Configures Orleans' TLS for a silo (<paramref name="isSilo"/>) or a client with the loaded material.</summary>
    public static void Configure(TlsOptions tls, ActorsTlsOptions settings, X509Certificate2 ca, X509Certificate2? certificate, bool isSilo)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(settings);
        tls.LocalCertificate = certificate;
        tls.RemoteCertificateMode = isSilo && !settings.RequireClientCertificate ? RemoteCertificateMode.AllowCertificate : RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.AllowCertificate;
        tls.RemoteCertificateValidation = (remote, _, errors) => IsSignedBy(remote, ca) && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = settings.TargetHost;
    }

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="ca"/> and nothing else, and is in its validity period.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(ca);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static T Read<T>(string key, string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw Invalid(key, path, $"cannot be read as a certificate or key ({e.Message})");
        }
    }

    private static OptionsValidationException Invalid(string member, string value, string message) =>
        new(ActorsTlsOptions.SectionName, typeof(ActorsTlsOptions), [$"{ActorsTlsOptions.SectionName}:{member} = '{value}': {message}"]);
}
