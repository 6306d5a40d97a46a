/// A validated dossier submission (API.md `POST /api/v1/dossiers`).
public struct Submission: Sendable, Hashable, Codable {
    public struct Applicant: Sendable, Hashable, Codable {
        public var kind: ApplicantKind
        public var name: String
        public var idNumber: String
        public var phone: String?
        public var email: String?
        public var address: String?
    }

    public struct Attachment: Sendable, Hashable, Codable {
        public var componentCode: String
        public var documentId: String
    }

    public var procedureCode: String
    public var agencyCode: AgencyIdentifier
    public var channel: SubmissionChannel
    public var applicant: Applicant
    public var form: [String: JSONValue]
    public var attachments: [Attachment]
}
