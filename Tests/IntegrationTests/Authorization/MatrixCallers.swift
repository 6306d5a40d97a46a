import Contracts
import Foundation
import Storage
import Testing

/// The columns of the authorization matrix: who calls. The dossier under test belongs to agency A
/// (Sở Tư pháp, 000.00.01.H30) and to `citizen`; the demo staff serve it. Agency B (Sở Y tế,
/// 000.00.02.H30, units `H30-SYT` and its one-stop desk `H30-SYT-BPMC`) is made for the test, with
/// one user per staff role, none of whom serves agency A.
enum MatrixCaller: String, CaseIterable, Sendable {
    case anonymous
    case citizen, otherCitizen, partner, otherPartner
    case officer, specialist, head, leader, supervisor, admin
    case officerB, specialistB, headB, leaderB, supervisorB, adminB

    /// The column groups of the table, in order: the public, agency A's staff, agency B's staff.
    static let groups: [[MatrixCaller]] = [
        [.anonymous],
        [.citizen, .otherCitizen, .partner, .otherPartner],
        [.officer, .specialist, .head, .leader, .supervisor, .admin],
        [.officerB, .specialistB, .headB, .leaderB, .supervisorB, .adminB],
    ]

    /// The user name to sign in with (nil: no token).
    var username: String? {
        switch self {
        case .anonymous: nil
        case .citizen: "citizen"
        case .otherCitizen: "citizen-docs"  // `Desk.secondCitizen()`
        case .partner: "partner"
        case .otherPartner: "partner-authz"
        case .officer: "officer"
        case .specialist: "specialist"
        case .head: "head"
        case .leader: "leader"
        case .supervisor: "supervisor"
        case .admin: "admin"
        case .officerB: "authz-officer-b"
        case .specialistB: "authz-specialist-b"
        case .headB: "authz-head-b"
        case .leaderB: "authz-leader-b"
        case .supervisorB: "authz-supervisor-b"
        case .adminB: "authz-admin-b"
        }
    }

    /// A short column heading for the printed matrix.
    var heading: String {
        switch self {
        case .anonymous: "anon"
        case .citizen: "cit"
        case .otherCitizen: "cit2"
        case .partner: "ptn"
        case .otherPartner: "ptn2"
        case .officer: "off"
        case .specialist: "spec"
        case .head: "head"
        case .leader: "lead"
        case .supervisor: "sup"
        case .admin: "adm"
        case .officerB: "offB"
        case .specialistB: "specB"
        case .headB: "headB"
        case .leaderB: "leadB"
        case .supervisorB: "supB"
        case .adminB: "admB"
        }
    }
}

/// Agency B and its staff, and the second partner: made once per database (idempotent).
enum AnotherAgency {
    static let agency = "000.00.02.H30"
    static let unit = "H30-SYT"
    static let desk = "H30-SYT-BPMC"
    static let password = "AuthzMatrix2026"

    static let units = [
        OrgUnitView(code: unit, name: "Sở Y tế", kind: "agency", parentCode: "H30", agencyCode: agency),
        OrgUnitView(code: desk, name: "Bộ phận một cửa Sở Y tế", kind: "division", parentCode: unit, agencyCode: agency),
    ]

    /// One user per staff role. The one-stop officer sits at the agency's own desk (a desk directly
    /// under the province would serve the whole province, like the demo officer).
    static let staff: [(MatrixCaller, role: String, unit: String)] = [
        (.officerB, "one-stop-officer", desk), (.specialistB, "specialist", desk), (.headB, "department-head", desk),
        (.leaderB, "agency-leader", unit), (.supervisorB, "supervisor", unit), (.adminB, "administrator", unit),
    ]

    /// Writes agency B's units as identity's seed does (row and `identity.org-unit.changed` in one
    /// transaction), waits until every service keeping a copy has them, then creates its staff
    /// through the API as the province's administrator.
    static func prepare(_ cluster: ServiceCluster, signIns: SignIns) async throws {
        try await withPostgres(role: "identity") { client in
            try await client.withTransaction(logger: testLogger) { connection in
                for unit in units {
                    try await connection.query("""
                        INSERT INTO identity.org_units (id, code, name, kind, parent_id, agency_code)
                        VALUES (\(UUID()), \(unit.code), \(unit.name), \(unit.kind),
                                (SELECT id FROM identity.org_units WHERE code = \(unit.parentCode)), \(unit.agencyCode))
                        ON CONFLICT (code) DO NOTHING
                        """, logger: testLogger)
                    try await Outbox(schema: "identity").enqueue([
                        try OutboxMessage.event(.orgUnitChanged, source: .identity, subject: unit.code, sequence: nil, payload: unit,
                                                correlationID: "authorization-matrix"),
                    ], on: connection, logger: testLogger)
                }
            }
        }
        for schema in ["processing", "documents", "catalog", "reporting", "intake"] {
            let copied = try await withPostgres(role: schema) { client in
                await eventually {
                    (try? await client.integer("SELECT count(*)::int FROM \(unescaped: schema).org_units WHERE code = \(desk)")) == 1
                }
            }
            #expect(copied, "\(schema) copied agency B's units")
        }
        let admin = try await signIns.headers("admin")
        for (caller, role, unit) in staff {
            let body = #"{"username": "\#(caller.username!)", "displayName": "Cán bộ Sở Y tế (\#(role))", "kind": "staff", "password": "\#(password)", "roles": [{"role": "\#(role)", "orgUnit": "\#(unit)"}]}"#
            let created = try await HTTP.postJSON(cluster.url("/api/v1/users"), body, headers: admin)
            #expect([201, 409].contains(created.status), "create \(caller): \(String(decoding: created.body, as: UTF8.self))")
        }
        try await copyDemoUser("partner", as: MatrixCaller.otherPartner.username!, displayName: "Đối tác thứ hai")
    }

    /// A copy of a demo user (same password and roles) under another name: administrators create
    /// neither citizens nor partners, so the test writes the rows itself.
    static func copyDemoUser(_ original: String, as name: String, displayName: String) async throws {
        try await withPostgres(role: "identity") { client in
            try await client.query("""
                INSERT INTO identity.users (id, username, display_name, kind, password_hash)
                SELECT \(UUID()), \(name), \(displayName), kind, password_hash FROM identity.users WHERE username = \(original)
                ON CONFLICT (username) DO NOTHING
                """, logger: testLogger)
            try await client.query("""
                INSERT INTO identity.user_roles (user_id, role, org_unit_id)
                SELECT u.id, r.role, r.org_unit_id FROM identity.users u, identity.user_roles r
                JOIN identity.users c ON c.id = r.user_id AND c.username = \(original)
                WHERE u.username = \(name) ON CONFLICT DO NOTHING
                """, logger: testLogger)
        }
    }

    static func password(for caller: MatrixCaller) -> String {
        staff.contains { $0.0 == caller } ? password : SignIns.demoPassword
    }
}
