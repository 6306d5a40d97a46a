import Foundation
import JWTKit

/// The payload of onegate access tokens (ES256 JWTs signed by `identity`, verified by the gateway
/// with the published JWKS).
public struct AccessTokenClaims: JWTPayload, Equatable {
    public static let issuer = "onegate-identity"
    public static let audience = "onegate-api"

    public var iss: IssuerClaim
    public var aud: AudienceClaim
    public var sub: SubjectClaim
    public var exp: ExpirationClaim
    public var iat: IssuedAtClaim
    public var jti: IDClaim
    /// The session (refresh-token family) the token belongs to; logout revokes it.
    public var sid: String
    public var name: String
    /// `staff`, `citizen` or `partner`.
    public var kind: String
    /// `role@orgUnit` pairs.
    public var roles: [String]

    public init(subject: String, session: String, name: String, kind: String, roles: [String],
                issuedAt: Date, lifetime: TimeInterval) {
        // NumericDate claims are whole seconds (RFC 7519 §2).
        let issuedAt = Date(timeIntervalSince1970: issuedAt.timeIntervalSince1970.rounded(.down))
        self.iss = IssuerClaim(value: Self.issuer)
        self.aud = AudienceClaim(value: [Self.audience])
        self.sub = SubjectClaim(value: subject)
        self.exp = ExpirationClaim(value: issuedAt.addingTimeInterval(lifetime))
        self.iat = IssuedAtClaim(value: issuedAt)
        self.jti = IDClaim(value: UUID().uuidString.lowercased())
        self.sid = session
        self.name = name
        self.kind = kind
        self.roles = roles
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try aud.verifyIntendedAudience(includes: Self.audience)
        guard iss.value == Self.issuer else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "unknown issuer") }
    }
}
