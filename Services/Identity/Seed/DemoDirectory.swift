import Contracts
import Foundation
import Logging
import PostgresNIO
import Storage

/// The demo province's org units and one user per role, created at start-up when
/// `ONEGATE_DEMO_SEED=1` (scripts/start sets it); and a second province, H62, with its own
/// administrator (`admin.h62`), whose reports the demo province's users must not see (the
/// benchmark's synthetic province-year is H62's). The demo partner may submit portal dossiers for
/// the demo province (`portal-submitter@H30`). Idempotent: existing users keep their password and
/// roles, and gain a demo role they lack.
struct DemoDirectory: Sendable {
    /// The demo users' password (development only; it satisfies the password policy).
    static let password = "Onegate@2026"

    struct Unit { let code, name, kind: String; let parent: String?; let agency: String? }
    static let units = [
        Unit(code: "H30", name: "Ủy ban nhân dân tỉnh Demo", kind: "province", parent: nil, agency: "000.00.00.H30"),
        Unit(code: "H30-PVHCC", name: "Trung tâm Phục vụ hành chính công tỉnh", kind: "agency", parent: "H30", agency: "000.00.00.H30"),
        Unit(code: "H30-STP", name: "Sở Tư pháp", kind: "agency", parent: "H30", agency: "000.00.01.H30"),
        Unit(code: "H30-STP-HCTP", name: "Phòng Hành chính tư pháp", kind: "division", parent: "H30-STP", agency: "000.00.01.H30"),
        Unit(code: "PUBLIC", name: "Công dân và tổ chức", kind: "public", parent: nil, agency: nil),
        Unit(code: "H62", name: "Ủy ban nhân dân tỉnh Demo Hai", kind: "province", parent: nil, agency: "000.00.00.H62"),
    ]
    static let users: [(username: String, name: String, kind: String, roles: [(role: String, unit: String)])] = [
        ("admin", "Quản trị hệ thống", "staff", [("administrator", "H30")]),
        ("officer", "Nguyễn Thị Tiếp Nhận", "staff", [("one-stop-officer", "H30-PVHCC")]),
        ("specialist", "Trần Văn Xử Lý", "staff", [("specialist", "H30-STP-HCTP")]),
        ("head", "Lê Thị Trưởng Phòng", "staff", [("department-head", "H30-STP-HCTP")]),
        ("leader", "Phạm Văn Giám Đốc", "staff", [("agency-leader", "H30-STP")]),
        ("supervisor", "Hoàng Thị Giám Sát", "staff", [("supervisor", "H30")]),
        ("citizen", "Nguyễn Văn An", "citizen", [("citizen", "PUBLIC")]),
        ("partner", "Cổng Dịch vụ công tỉnh", "partner", [("partner", "PUBLIC"), ("portal-submitter", "H30")]),
        ("admin.h62", "Quản trị tỉnh Demo Hai", "staff", [("administrator", "H62")]),
    ]

    func seed(client: PostgresClient, outbox: Outbox, hasher: Argon2Hasher, logger: Logger) async throws {
        let hash = try await hasher.hash(Self.password)
        let store = UserStore()
        let created = try await client.transaction(logger: logger) { connection in
            var ids: [String: UUID] = [:]
            for unit in Self.units {
                let (id, _) = try await store.ensureOrgUnit(code: unit.code, name: unit.name, kind: unit.kind,
                                                                  parentCode: unit.parent, agencyCode: unit.agency,
                                                                  on: connection, logger: logger)
                ids[unit.code] = id
                // Announced on every seed, changed or not: copies elsewhere heal themselves.
                let view = OrgUnitView(code: unit.code, name: unit.name, kind: unit.kind, parentCode: unit.parent, agencyCode: unit.agency)
                try await outbox.enqueue([
                    try OutboxMessage.event(EventName.orgUnitChanged, source: .identity, subject: unit.code, sequence: nil,
                                            payload: view, correlationID: "demo-seed"),
                ], on: connection, logger: logger)
            }
            var created = 0
            for user in Self.users {
                let roles = user.roles.compactMap { role in ids[role.unit].map { (role.role, $0) } }
                if try await store.create(username: user.username, displayName: user.name, kind: user.kind, passwordHash: hash,
                                          roles: roles, on: connection, logger: logger) {
                    let claims = user.roles.map { "\($0.role)@\($0.unit)" }.joined(separator: ",")
                    try await SecurityAudit().append(actor: "system", action: "user.created", subject: user.username,
                                                     detail: "demo seed, roles \(claims)", on: connection, logger: logger)
                    created += 1
                    continue
                }
                for (role, unit) in roles {
                    guard try await store.addRole(username: user.username, role: role, unit: unit, on: connection, logger: logger) else {
                        continue
                    }
                    try await SecurityAudit().append(actor: "system", action: "user.role-added", subject: user.username,
                                                     detail: "demo seed, role \(role)", on: connection, logger: logger)
                }
            }
            return created
        }
        if created > 0 { logger.info("demo users created", metadata: ["count": "\(created)"]) }
    }
}
