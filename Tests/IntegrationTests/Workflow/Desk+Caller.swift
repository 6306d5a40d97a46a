import Contracts
import Foundation
import Testing

extension Desk {
    /// The demo user's caller as the gateway passes it on: the claims of the access token identity
    /// issued at sign-in (`sub`, `kind`, `roles` as `role@unit`).
    func caller(_ username: String) async throws -> Caller {
        let bearer = try #require(try await headers(username)["Authorization"])
        let parts = bearer.dropFirst("Bearer ".count).split(separator: ".")
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let payload = try #require(Data(base64Encoded: base64))
        let claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        let roles = (claims["roles"] as? [String] ?? []).compactMap { claim -> RoleAssignment? in
            let pieces = claim.split(separator: "@", maxSplits: 1)
            return pieces.count == 2 ? RoleAssignment(role: String(pieces[0]), orgUnit: String(pieces[1])) : nil
        }
        return Caller(userId: claims["sub"] as? String, kind: claims["kind"] as? String, assignments: roles)
    }
}
