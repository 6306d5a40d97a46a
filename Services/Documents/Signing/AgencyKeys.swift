import Crypto
import Foundation
import ServiceKit
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
/// (`key.sealed`: the private key's PEM sealed under the data key and bound to the agency and
/// file, readable by the service's user only; `cert.pem`), and kept in memory after.
/// Two instances racing to make one end with the same key: the directory appears by `rename`.
/// A `key.pem` in the clear (written before sealing existed) is sealed into `key.sealed` and
/// removed, at start-up (`sealStoredKeys`) or at its first use.
final class AgencyKeys: Sendable {
    let directory: URL
    let sealer: AtRestSealer
    private let cache = Mutex<[String: AgencyKey]>([:])

    static let sealedFile = "key.sealed"
    static let legacyFile = "key.pem"

    init(root: URL, sealer: AtRestSealer) {
        directory = root.appendingPathComponent("keys", isDirectory: true)
        self.sealer = sealer
    }

    /// Agency identifiers are path components: letters, digits, dots and hyphens only.
    static func isValidCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 64 && !code.hasPrefix(".")
            && code.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "." || $0 == "-" }
    }

    /// The associated data of an agency key's seal: its purpose and agency.
    static func context(_ agency: String) -> String { "documents.keys/\(agency)/\(sealedFile)" }

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

    /// Seals every agency's key not yet sealed under the current data key (a `key.pem` in the clear,
    /// or a `key.sealed` of a rotated-out data key). Run at start-up, before serving: the data key
    /// is in the service's environment only. Idempotent. Returns how many it sealed.
    @discardableResult
    func sealStoredKeys() throws -> Int {
        guard let agencies = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var sealed = 0
        for agency in agencies.sorted() where Self.isValidCode(agency) {
            let home = directory.appendingPathComponent(agency, isDirectory: true)
            if try sealIfNeeded(agency, at: home) != nil { sealed += 1 }
        }
        return sealed
    }

    private func load(_ agency: String, from home: URL) throws -> AgencyKey {
        let keyPEM = try sealIfNeeded(agency, at: home)
            ?? sealer.openString(try String(contentsOf: home.appendingPathComponent(Self.sealedFile), encoding: .utf8),
                                 context: Self.context(agency))
        let certificatePEM = try String(contentsOf: home.appendingPathComponent("cert.pem"), encoding: .utf8)
        let privateKey = Certificate.PrivateKey(try P256.Signing.PrivateKey(pemRepresentation: keyPEM))
        return AgencyKey(agencyCode: agency, certificate: try Certificate(pemEncoded: certificatePEM), privateKey: privateKey,
                         certificatePEM: certificatePEM)
    }

    /// Seals the agency's key under the current data key if it is not already; the key's PEM when
    /// it did, nil when there was nothing to do. The sealed file replaces the old one by `rename`,
    /// so a crash leaves one or the other, and the clear `key.pem` goes only once its seal is in place.
    private func sealIfNeeded(_ agency: String, at home: URL) throws -> String? {
        let sealedURL = home.appendingPathComponent(Self.sealedFile)
        let legacyURL = home.appendingPathComponent(Self.legacyFile)
        let pem: String
        if let stored = try? String(contentsOf: sealedURL, encoding: .utf8) {
            guard let resealed = try sealer.resealed(stored, context: Self.context(agency)) else {
                try? FileManager.default.removeItem(at: legacyURL)  // left by a crash between the seal and the removal
                return nil
            }
            pem = try sealer.openString(resealed, context: Self.context(agency))
            try write(resealed, to: sealedURL, in: home)
        } else if let legacy = try? String(contentsOf: legacyURL, encoding: .utf8) {
            pem = legacy
            try write(try sealer.seal(legacy, context: Self.context(agency)), to: sealedURL, in: home)
            try? FileManager.default.removeItem(at: legacyURL)  // another instance sealing it too may have removed it
            try BlobStore.fsync(home)
        } else if let stored = try? String(contentsOf: sealedURL, encoding: .utf8) {
            // Another instance sealed the clear key between the two reads above.
            return try sealer.openString(stored, context: Self.context(agency))
        } else {
            throw SigningError.io("no key file for \(agency) in \(home.path)")
        }
        return pem
    }

    private func write(_ sealed: String, to target: URL, in home: URL) throws {
        let staging = home.appendingPathComponent(".\(Self.sealedFile).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: staging.path, contents: Data(sealed.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw SigningError.io("cannot write the sealed key in \(home.path)")
        }
        try BlobStore.fsync(staging)
        guard rename(staging.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: staging)
            throw SigningError.io("cannot rename the sealed key into \(home.path): errno \(errno)")
        }
        try BlobStore.fsync(home)
    }

    private func create(_ agency: String, at home: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let staging = directory.appendingPathComponent(".\(agency).\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: staging) }
        let key = P256.Signing.PrivateKey()
        let certificate = try Self.selfSigned(agency: agency, key: key)
        let keyURL = staging.appendingPathComponent(Self.sealedFile)
        let sealed = try sealer.seal(key.pemRepresentation, context: Self.context(agency))
        guard FileManager.default.createFile(atPath: keyURL.path, contents: Data(sealed.utf8),
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
