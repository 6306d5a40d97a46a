import Foundation

// Messages of the `documents` service (API.md "Documents"). Files travel between the gateway and
// `documents` in bounded chunks (`documents.upload.*`, `documents.download.*`), never whole.

/// `documents.upload.begin`: opens a transfer. Nothing is recorded until `upload.commit`.
public struct UploadBegin: Codable, Sendable {
    /// The media type the client declared (`Content-Type` of the body or of the multipart part).
    public var declaredType: String
    /// The client's file name (sanitised by `documents`).
    public var filename: String
    /// The announced size (`Content-Length`), when known: refused at once when over the limit.
    public var declaredSize: Int?
    /// `submission`, `digitised`, `general`… (retention follows it); default `general`.
    public var documentType: String?
    /// A new version of this document (its id).
    public var replaces: String?
    /// The dossier and component the file belongs to (attached at commit).
    public var dossierCode: String?
    public var componentCode: String?
    /// A digitised copy made by an officer: recorded with who and when, and signed by the agency.
    public var digitised: Bool?

    public init(declaredType: String, filename: String, declaredSize: Int? = nil, documentType: String? = nil,
                replaces: String? = nil, dossierCode: String? = nil, componentCode: String? = nil, digitised: Bool? = nil) {
        self.declaredType = declaredType
        self.filename = filename
        self.declaredSize = declaredSize
        self.documentType = documentType
        self.replaces = replaces
        self.dossierCode = dossierCode
        self.componentCode = componentCode
        self.digitised = digitised
    }
}

/// The reply to `upload.begin`: where to send chunks and how big they may be.
public struct UploadTicket: Codable, Sendable, Hashable {
    public var uploadId: String
    /// The largest chunk `upload.chunk` accepts (decoded bytes).
    public var chunkBytes: Int
    /// The largest file accepted.
    public var maximumBytes: Int

    public init(uploadId: String, chunkBytes: Int, maximumBytes: Int) {
        self.uploadId = uploadId
        self.chunkBytes = chunkBytes
        self.maximumBytes = maximumBytes
    }
}

/// `documents.upload.chunk`: the bytes at `offset` (base64). A repeated chunk is acknowledged again.
public struct UploadChunk: Codable, Sendable {
    public var uploadId: String
    public var offset: Int
    public var data: String

    public init(uploadId: String, offset: Int, data: String) {
        self.uploadId = uploadId
        self.offset = offset
        self.data = data
    }
}

/// The bytes received so far.
public struct UploadProgress: Codable, Sendable, Hashable {
    public var received: Int
    public init(received: Int) { self.received = received }
}

/// `documents.upload.commit`: the SHA-256 and size the gateway computed while streaming; checked
/// against what arrived before anything is stored.
public struct UploadCommit: Codable, Sendable {
    public var uploadId: String
    public var sha256: String
    public var size: Int

    public init(uploadId: String, sha256: String, size: Int) {
        self.uploadId = uploadId
        self.sha256 = sha256
        self.size = size
    }
}

/// `documents.upload.abort`: the transfer broke; its temporary file goes.
public struct UploadAbort: Codable, Sendable {
    public var uploadId: String
    public init(uploadId: String) { self.uploadId = uploadId }
}

/// A stored document as callers see it (`201` of an upload, `GET …/{id}/meta`).
public struct DocumentView: Codable, Sendable, Hashable {
    public var id: String
    /// The first version's id, shared by every version.
    public var seriesId: String
    public var version: Int
    public var sha256: String
    public var size: Int
    public var mediaType: String
    public var filename: String
    public var documentType: String
    public var ownerId: String?
    public var dossierCode: String?
    public var componentCode: String?
    public var digitisedBy: String?
    public var digitisedAt: Date?
    public var signed: Bool
    public var createdAt: Date
    public var retainUntil: Date?
    public var legalHold: Bool

    public init(id: String, seriesId: String, version: Int, sha256: String, size: Int, mediaType: String, filename: String,
                documentType: String, ownerId: String?, dossierCode: String?, componentCode: String?, digitisedBy: String?,
                digitisedAt: Date?, signed: Bool, createdAt: Date, retainUntil: Date?, legalHold: Bool) {
        self.id = id
        self.seriesId = seriesId
        self.version = version
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.filename = filename
        self.documentType = documentType
        self.ownerId = ownerId
        self.dossierCode = dossierCode
        self.componentCode = componentCode
        self.digitisedBy = digitisedBy
        self.digitisedAt = digitisedAt
        self.signed = signed
        self.createdAt = createdAt
        self.retainUntil = retainUntil
        self.legalHold = legalHold
    }
}

/// A document by id (`meta`, `signature`, `certificate`).
public struct DocumentReference: Codable, Sendable {
    public var id: String
    public init(id: String) { self.id = id }
}

/// `documents.download.open`: checks the caller may read the document and resolves the range.
public struct DownloadOpen: Codable, Sendable {
    public var id: String
    /// The `Range` header as sent (`bytes=…`), if any.
    public var range: String?

    public init(id: String, range: String?) {
        self.id = id
        self.range = range
    }
}

/// What to send: the document and the byte range (`end` inclusive); `partial` for a 206.
public struct DownloadTicket: Codable, Sendable, Hashable {
    public var document: DocumentView
    public var start: Int
    public var end: Int
    public var partial: Bool

    public init(document: DocumentView, start: Int, end: Int, partial: Bool) {
        self.document = document
        self.start = start
        self.end = end
        self.partial = partial
    }
}

/// `documents.download.chunk`: up to the chunk size of bytes at `offset`.
public struct DownloadChunk: Codable, Sendable {
    public var id: String
    public var offset: Int
    public var length: Int

    public init(id: String, offset: Int, length: Int) {
        self.id = id
        self.offset = offset
        self.length = length
    }
}

/// Bytes of a blob (base64).
public struct BlobBytes: Codable, Sendable, Hashable {
    public var data: String
    public init(data: String) { self.data = data }
}

/// `documents.attach`: the document is a component of a dossier (per-dossier size limit applies).
public struct AttachDocument: Codable, Sendable {
    public var id: String
    public var dossierCode: String
    public var componentCode: String
    /// An anonymous applicant's lookup token of the dossier (the web supplement page): with it, a
    /// document uploaded anonymously and in no dossier goes into that dossier.
    public var lookupToken: String?

    public init(id: String, dossierCode: String, componentCode: String, lookupToken: String? = nil) {
        self.id = id
        self.dossierCode = dossierCode
        self.componentCode = componentCode
        self.lookupToken = lookupToken
    }
}

/// `documents.legal-hold`: blocks (or again allows) purging a document.
public struct LegalHold: Codable, Sendable {
    public var id: String
    public var hold: Bool

    public init(id: String, hold: Bool) {
        self.id = id
        self.hold = hold
    }
}

/// `documents.library`: the caller's electronic data store (`GET /api/v1/me/documents`).
public struct DocumentLibrary: Codable, Sendable, Hashable {
    /// Files the caller submitted or uploaded (latest version of each), newest first: one page.
    public var submissions: [DocumentView]
    /// E-results issued to the caller, newest first: one page.
    public var results: [ResultView]
    /// True when either list goes on past this page.
    public var hasMore: Bool?

    public init(submissions: [DocumentView], results: [ResultView], hasMore: Bool? = nil) {
        self.submissions = submissions
        self.results = results
        self.hasMore = hasMore
    }
}

/// `documents.library`: one page of each of the caller's lists (absent: page 1 of 500, as the
/// API has always answered).
public struct LibraryQuery: Codable, Sendable, Hashable {
    public var page: Int?
    public var pageSize: Int?

    public init(page: Int? = nil, pageSize: Int? = nil) {
        self.page = page
        self.pageSize = pageSize
    }
}

/// `documents.result.issue`: registers a stored document as the dossier's next e-result
/// (`{dossier code}-KQ{n}`), signed by the dossier's agency, owned by the dossier's owner.
public struct IssueResult: Codable, Sendable {
    public var dossierCode: String
    public var documentId: String
    /// The dossier's owner (the applicant's user id), who sees it in their data store.
    public var ownerId: String?

    public init(dossierCode: String, documentId: String, ownerId: String?) {
        self.dossierCode = dossierCode
        self.documentId = documentId
        self.ownerId = ownerId
    }
}

/// `documents.result.invalidate`: Decree 45/2020 Art. 15 — the result stays stored, marked.
public struct InvalidateResult: Codable, Sendable {
    public var code: String
    public var reason: String

    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }
}

/// A result by code.
public struct ResultReference: Codable, Sendable {
    public var code: String
    public init(code: String) { self.code = code }
}

/// An e-result.
public struct ResultView: Codable, Sendable, Hashable {
    public var code: String
    public var dossierCode: String
    public var documentId: String
    public var sha256: String
    public var filename: String
    public var issuedAt: Date
    public var signer: String?
    public var signedAt: Date?
    public var invalidated: Bool
    public var invalidatedAt: Date?
    public var invalidationReason: String?

    public init(code: String, dossierCode: String, documentId: String, sha256: String, filename: String, issuedAt: Date,
                signer: String?, signedAt: Date?, invalidated: Bool, invalidatedAt: Date?, invalidationReason: String?) {
        self.code = code
        self.dossierCode = dossierCode
        self.documentId = documentId
        self.sha256 = sha256
        self.filename = filename
        self.issuedAt = issuedAt
        self.signer = signer
        self.signedAt = signedAt
        self.invalidated = invalidated
        self.invalidatedAt = invalidatedAt
        self.invalidationReason = invalidationReason
    }
}

/// `documents.result.verify`: a presented file (its SHA-256, computed by the gateway while
/// streaming) and optionally a presented detached signature (base64 DER).
public struct VerifyResult: Codable, Sendable {
    public var code: String
    public var sha256: String
    public var signature: String?

    public init(code: String, sha256: String, signature: String?) {
        self.code = code
        self.sha256 = sha256
        self.signature = signature
    }
}

/// Whether the file is the signed result, whether the signature holds, and whether the result
/// still stands. `valid` is all three.
public struct VerificationReport: Codable, Sendable, Hashable {
    public var code: String
    public var fileMatches: Bool
    public var signatureValid: Bool
    public var invalidated: Bool
    public var invalidatedAt: Date?
    public var invalidationReason: String?
    public var signer: String?
    public var valid: Bool

    public init(code: String, fileMatches: Bool, signatureValid: Bool, invalidated: Bool, invalidatedAt: Date?,
                invalidationReason: String?, signer: String?) {
        self.code = code
        self.fileMatches = fileMatches
        self.signatureValid = signatureValid
        self.invalidated = invalidated
        self.invalidatedAt = invalidatedAt
        self.invalidationReason = invalidationReason
        self.signer = signer
        self.valid = fileMatches && signatureValid && !invalidated
    }
}

/// A detached signature and the agency certificate that verifies it.
public struct SignatureFile: Codable, Sendable, Hashable {
    /// DER CMS SignedData, base64.
    public var cms: String
    /// The signing agency's certificate, PEM.
    public var certificate: String
    public var agencyCode: String
    public var signedAt: Date

    public init(cms: String, certificate: String, agencyCode: String, signedAt: Date) {
        self.cms = cms
        self.certificate = certificate
        self.agencyCode = agencyCode
        self.signedAt = signedAt
    }
}

extension EventName {
    /// A document was stored (EVENTS.md: id, sha256, size, media type, owner, dossier code).
    public static let documentStored = EventName(routingKey: "documents.document.stored")
    /// An e-result was registered and signed by its agency.
    public static let resultSigned = EventName(routingKey: "documents.result.signed")
    /// An e-result was invalidated (it stays stored, marked).
    public static let resultInvalidated = EventName(routingKey: "documents.result.invalidated")
}

/// The data of the `documents.*` events (no file content, no personal data beyond the owner id).
public struct DocumentEvent: Codable, Sendable, Hashable {
    public var id: String
    public var sha256: String
    public var size: Int
    public var mediaType: String
    public var ownerId: String?
    public var dossierCode: String?
    public var resultCode: String?
    public var reason: String?

    public init(id: String, sha256: String, size: Int, mediaType: String, ownerId: String?, dossierCode: String?,
                resultCode: String? = nil, reason: String? = nil) {
        self.id = id
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.ownerId = ownerId
        self.dossierCode = dossierCode
        self.resultCode = resultCode
        self.reason = reason
    }
}

/// `documents.check-attachments`: may the caller (the submitter, forwarded by intake) name these
/// documents as the attachments of a submission? One call for all of a submission's attachments.
public struct AttachmentCheck: Codable, Sendable {
    public var documentIds: [String]
    public init(documentIds: [String]) { self.documentIds = documentIds }
}

/// The documents the caller may not name, each with why (empty: all may be named).
public struct AttachmentCheckResult: Codable, Sendable, Hashable {
    public var refused: [RefusedAttachment]
    public init(refused: [RefusedAttachment]) { self.refused = refused }
}

public struct RefusedAttachment: Codable, Sendable, Hashable {
    public var documentId: String
    public var message: String
    public init(documentId: String, message: String) {
        self.documentId = documentId
        self.message = message
    }
}

/// One document of a dossier (`documents.dossier`, `GET /api/v1/dossiers/{code}/documents`).
public struct DossierDocument: Codable, Sendable, Hashable {
    /// The procedure component it was handed in as (empty when a later write named none).
    public var componentCode: String
    /// `submitted` (named by the submission) or `attached` (put into the dossier later: attach,
    /// an upload into the dossier, a digitised copy).
    public var source: String
    public var linkedAt: Date
    public var document: DocumentView

    public init(componentCode: String, source: String, linkedAt: Date, document: DocumentView) {
        self.componentCode = componentCode
        self.source = source
        self.linkedAt = linkedAt
        self.document = document
    }
}

/// The reply to `documents.dossier`: the dossier's documents with their components.
public struct DossierDocuments: Codable, Sendable, Hashable {
    public var code: String
    public var items: [DossierDocument]

    public init(code: String, items: [DossierDocument]) {
        self.code = code
        self.items = items
    }
}

/// `documents.upload.limits`: what an upload may be, to show before anyone picks a file.
public struct UploadLimits: Codable, Sendable, Hashable {
    /// The largest file accepted.
    public var maximumFileBytes: Int
    /// The largest total of the files attached to one dossier.
    public var maximumDossierBytes: Int
    /// The media types accepted (sniffed from the content, which must match the declared type).
    public var mediaTypes: [String]

    public init(maximumFileBytes: Int, maximumDossierBytes: Int, mediaTypes: [String]) {
        self.maximumFileBytes = maximumFileBytes
        self.maximumDossierBytes = maximumDossierBytes
        self.mediaTypes = mediaTypes
    }
}
