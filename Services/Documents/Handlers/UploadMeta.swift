import Foundation

/// What was declared when a transfer began, kept beside its temporary file (no database row
/// exists until the commit).
struct UploadMeta: Codable, Sendable {
    /// nil for an anonymous upload.
    var ownerId: String?
    var declaredType: String
    var filename: String
    var documentType: String
    var seriesId: UUID?
    var dossierCode: String?
    var componentCode: String?
    var digitised: Bool
}
