/// Who acts on a dossier (DOMAIN.md, "Users"). A user may hold several roles; each workflow
/// action is checked against the single role the caller acts in.
public enum Role: String, CaseIterable, Sendable, Codable, Hashable {
    /// Manages catalogs, users and the calendar; takes no part in handling dossiers.
    case administrator
    /// Receives dossiers at the one-stop desk, returns results, and records what applicants
    /// bring to the desk (supplements, withdrawal requests, payments).
    case oneStopOfficer = "one-stop-officer"
    /// Handles an assigned dossier through the workflow steps.
    case specialist
    /// Assigns dossiers and reviews the specialists' work.
    case departmentHead = "department-head"
    /// Approves and signs results; decides extensions and stops.
    case agencyLeader = "agency-leader"
    /// Follows overdue work across agencies; reads, does not act.
    case supervisor
    /// The applicant, a citizen or an organisation.
    case citizen
    /// An integration partner; its inputs arrive through the integration service as `system`.
    case partner
    /// A partner account's right to submit portal dossiers for the agencies of the org unit it
    /// is held in (and below), granted by that unit's administrator; intake checks it.
    case portalSubmitter = "portal-submitter"
    /// Timers and integrations (payment callbacks, inter-agency replies, automatic transfer).
    case system

    /// The role's name as Vietnamese users know it.
    public var vietnameseName: String {
        switch self {
        case .administrator: "Quản trị"
        case .oneStopOfficer: "Cán bộ tiếp nhận"
        case .specialist: "Chuyên viên xử lý"
        case .departmentHead: "Lãnh đạo phòng"
        case .agencyLeader: "Lãnh đạo cơ quan"
        case .supervisor: "Điều hành, giám sát"
        case .citizen: "Công dân, tổ chức"
        case .partner: "Đối tác tích hợp"
        case .portalSubmitter: "Đối tác nộp hồ sơ"
        case .system: "Hệ thống"
        }
    }
}
