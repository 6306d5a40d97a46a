import Foundation
import ServiceKit

/// The documents service's configuration (environment variables, listed in `docs/configuration.md`).
struct DocumentsSettings: Sendable {
    /// Where blobs, temporary uploads and agency keys live (`ONEGATE_DOCUMENTS_DIR`, default
    /// `.data/<ONEGATE_PROFILE or dev>/documents`, an ignored directory of the checkout).
    let root: URL
    /// Largest file (`ONEGATE_DOCUMENTS_MAX_FILE_BYTES`, default 25 MiB): 413 above.
    let maximumFileBytes: Int
    /// Largest total of the files attached to one dossier (`ONEGATE_DOCUMENTS_MAX_DOSSIER_BYTES`, default 100 MiB).
    let maximumDossierBytes: Int
    /// Largest chunk on the bus (`ONEGATE_DOCUMENTS_CHUNK_BYTES`, default 256 KiB).
    let chunkBytes: Int
    /// A transfer silent for this long is abandoned and its temporary file removed
    /// (`ONEGATE_DOCUMENTS_UPLOAD_TTL_SECONDS`, default 900).
    let uploadTimeToLive: TimeInterval

    init(_ environment: ServiceEnvironment) {
        let profile = environment.string("ONEGATE_PROFILE", default: "dev")
        let path = environment.string("ONEGATE_DOCUMENTS_DIR", default: ".data/\(profile)/documents")
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        maximumFileBytes = environment.int("ONEGATE_DOCUMENTS_MAX_FILE_BYTES", default: 25 << 20)
        maximumDossierBytes = environment.int("ONEGATE_DOCUMENTS_MAX_DOSSIER_BYTES", default: 100 << 20)
        chunkBytes = min(max(environment.int("ONEGATE_DOCUMENTS_CHUNK_BYTES", default: 256 << 10), 4 << 10), 1 << 20)
        uploadTimeToLive = TimeInterval(environment.int("ONEGATE_DOCUMENTS_UPLOAD_TTL_SECONDS", default: 900))
    }
}
