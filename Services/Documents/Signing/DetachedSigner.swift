import Foundation
@_spi(CMS) @_spi(FixedExpiryValidationTime) import X509

/// Detached CMS (PKCS #7) signatures by an agency, with signing time and message digest as
/// signed attributes — what `openssl cms -verify -binary -content <file> -inform DER` checks.
struct DetachedSigner: Sendable {
    let keys: AgencyKeys

    struct Signature: Sendable {
        let der: [UInt8]
        let signer: String
        let signedAt: Date
    }

    func sign(_ content: Data, agency: String, at time: Date = Date()) throws -> Signature {
        let key = try keys.key(for: agency)
        let der = try CMS.sign(content, signatureAlgorithm: .ecdsaWithSHA256, certificate: key.certificate,
                               privateKey: key.privateKey, signingTime: time, detached: true)
        return Signature(der: der, signer: key.certificate.subject.description, signedAt: time)
    }

    /// Whether `signature` is the agency's valid signature over `content`.
    func isValid(_ signature: [UInt8], over content: Data, agency: String, signedAt: Date) async -> Bool {
        guard let key = try? keys.key(for: agency) else { return false }
        let result = await CMS.isValidSignature(dataBytes: content, signatureBytes: signature,
                                                trustRoots: CertificateStore([key.certificate])) {
            RFC5280Policy(fixedExpiryValidationTime: signedAt)
        }
        if case .success = result { return true }
        return false
    }
}
