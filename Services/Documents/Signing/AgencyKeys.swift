import Crypto
import Foundation
import Synchronization
import X509

/// An agency's signing identity: its ECDSA P-256 key and self-signed certificate.
struct AgencyKey: Sendable {
    let agencyCode: String
    let certificate: Certificate
    let privateKey: Certificate.PrivateKey
    let certificatePEM: String
}

/// Each agency's key and certificate, made at first use under `<root>/keys/<agency>/`
/// (`key.pem` readable by the service's user only, `cert.pem`), and kept in memory after.
/// Two instances racing to make one end with the same key: the directory appears by `rename`.
final class AgencyKeys: Sendable {
    let directory: URL
    private let cache = Mutex<[String: AgencyKey]>([:])

    init(root: URL) {
        directory = root.appendingPathComponent("keys", isDirectory: true)
    }

    /// Agency identifiers are path components: letters, digits, dots and hyphens only.
    static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 64 && !code.hasPrefix(".")
            && code.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "." || $0 == "-" }
    }

    func key(for agency: String) throws -> AgencyKey {
        if let cached = cache.withLock({ $0[agency] }) { return cached }
        guard Self.isValidCode(agency) else { throw SigningError.invalidAgency(agency) }
        let home = directory.appendingPathComponent(agency, isDirectory: true)
        if !FileManager.default.fileExists(atPath: home.appendingPathComponent("cert.pem").path) {
            try create(agency, at: home)
        }
        let key = try load(agency, from: home)
        cache.withLock { $0[agency] = key }
        return key
    }

    private func load(_ agency: String, from home: URL) throws -> AgencyKey {
        let keyPEM = try String(contentsOf: home.appendingPathComponent("key.pem"), encoding: .utf8)
        let certificatePEM = try String(contentsOf: home.appendingPathComponent("cert.pem"), encoding: .utf8)
        let privateKey = Certificate.PrivateKey(try P256.Signing.PrivateKey(pemRepresentation: keyPEM))
        return AgencyKey(agencyCode: agency, certificate: try Certificate(pemEncoded: certificatePEM), privateKey: privateKey,
                         certificatePEM: certificatePEM)
    }

    private func create(_ agency: String, at home: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let staging = directory.appendingPathComponent(".\(agency).\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: staging) }
        let key = P256.Signing.PrivateKey()
        let certificate = try Self.selfSigned(agency: agency, key: key)
        let keyURL = staging.appendingPathComponent("key.pem")
        guard FileManager.default.createFile(atPath: keyURL.path, contents: Data(key.pemRepresentation.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw SigningError.io("cannot write the key of \(agency)")
        }
        try Data(try certificate.serializeAsPEM().pemString.utf8).write(to: staging.appendingPathComponent("cert.pem"))
        try BlobStore.fsync(keyURL)
        // Fails when another instance made it first: then its key is the agency's.
        _ = rename(staging.path, home.path)
    }

    static func selfSigned(agency: String, key: P256.Signing.PrivateKey) throws -> Certificate {
        let signingKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName {
            CountryName("VN")
            OrganizationName("onegate")
            OrganizationalUnitName(agency)
            CommonName("Cơ quan \(agency)")
        }
        let now = Date()
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: signingKey.publicKey,
            notValidBefore: now.addingTimeInterval(-3_600), notValidAfter: now.addingTimeInterval(20 * 366 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true, keyCertSign: true))
                SubjectKeyIdentifier(hash: signingKey.publicKey)
            },
            issuerPrivateKey: signingKey)
    }
}

enum SigningError: Error {
    case invalidAgency(String)
    case io(String)
}
