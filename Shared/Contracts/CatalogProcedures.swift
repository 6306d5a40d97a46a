import Domain

/// A procedure (thủ tục hành chính) as the catalog holds it (DOMAIN.md, "Procedure"): the draft an
/// administrator edits, and each immutable published version. The body of
/// `catalog.procedure.published` is one `ProcedureView`.
public struct ProcedureDefinition: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    /// Sector code `MX1X2-LV`, e.g. `G03-GD10`.
    public var sectorCode: String
    /// `ministry`, `province` or `commune`.
    public var level: String
    /// The implementing agencies' identifiers (`000.00.00.H30`).
    public var agencies: [String]
    public var processingTime: TimeBudget
    /// `full`, `partial` or `none` (Decree 42/2022 Art. 11).
    public var onlineServiceLevel: String
    public var channels: [SubmissionChannel]
    public var fees: [ProcedureFee]
    public var components: [DossierComponent]
    public var eForm: EFormDefinition
    public var results: [ProcedureResult]
    public var workflow: [WorkflowStepDefinition]
    public var clockPolicy: SuspensionPolicy
    public var legalBasis: [String]

    public init(code: String, name: String, sectorCode: String, level: String, agencies: [String], processingTime: TimeBudget,
                onlineServiceLevel: String, channels: [SubmissionChannel], fees: [ProcedureFee], components: [DossierComponent],
                eForm: EFormDefinition, results: [ProcedureResult], workflow: [WorkflowStepDefinition],
                clockPolicy: SuspensionPolicy, legalBasis: [String]) {
        self.code = code
        self.name = name
        self.sectorCode = sectorCode
        self.level = level
        self.agencies = agencies
        self.processingTime = processingTime
        self.onlineServiceLevel = onlineServiceLevel
        self.channels = channels
        self.fees = fees
        self.components = components
        self.eForm = eForm
        self.results = results
        self.workflow = workflow
        self.clockPolicy = clockPolicy
        self.legalBasis = legalBasis
    }
}

/// A fee or charge (phí, lệ phí), in đồng.
public struct ProcedureFee: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var amount: Int
    /// Who collects it (e.g. the agency's name or identifier).
    public var collector: String

    public init(code: String, name: String, amount: Int, collector: String) {
        self.code = code
        self.name = name
        self.amount = amount
        self.collector = collector
    }
}

/// A dossier component (thành phần hồ sơ).
public struct DossierComponent: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var required: Bool
    public var originals: Int
    public var copies: Int
    /// Must be digitised (and signed) at reception.
    public var mustDigitise: Bool

    public init(code: String, name: String, required: Bool, originals: Int, copies: Int, mustDigitise: Bool) {
        self.code = code
        self.name = name
        self.required = required
        self.originals = originals
        self.copies = copies
        self.mustDigitise = mustDigitise
    }
}

/// A result document (giấy tờ kết quả) the procedure produces.
public struct ProcedureResult: Codable, Sendable, Hashable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// One step of the procedure's workflow.
public struct WorkflowStepDefinition: Codable, Sendable, Hashable {
    public var role: Role
    public var orgUnit: String
    /// Share of the time budget, in percent; the steps' shares sum to 100.
    public var sharePercent: Int
    /// True for a step handled by another agency (inter-agency consultation).
    public var interAgency: Bool
    public var name: String?

    public init(role: Role, orgUnit: String, sharePercent: Int, interAgency: Bool = false, name: String? = nil) {
        self.role = role
        self.orgUnit = orgUnit
        self.sharePercent = sharePercent
        self.interAgency = interAgency
        self.name = name
    }
}

/// A procedure as answered by the catalog: a published version (`status` `published`, or `retired`
/// once the procedure is retired) or the draft (`status` `draft`, `version` nil).
public struct ProcedureView: Codable, Sendable, Hashable {
    public var status: String
    public var version: Int?
    public var publishedAt: String?
    public var procedure: ProcedureDefinition

    public init(status: String, version: Int?, publishedAt: String?, procedure: ProcedureDefinition) {
        self.status = status
        self.version = version
        self.publishedAt = publishedAt
        self.procedure = procedure
    }

    enum CodingKeys: String, CodingKey { case status, version, publishedAt }

    /// Flat on the wire: the definition's fields beside `status`, `version` and `publishedAt`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.status = try container.decode(String.self, forKey: .status)
        self.version = try container.decodeIfPresent(Int.self, forKey: .version)
        self.publishedAt = try container.decodeIfPresent(String.self, forKey: .publishedAt)
        self.procedure = try ProcedureDefinition(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try procedure.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encodeIfPresent(publishedAt, forKey: .publishedAt)
    }
}

/// One hit of the procedure search.
public struct ProcedureSummary: Codable, Sendable, Hashable {
    public var code: String
    public var version: Int
    public var name: String
    public var sectorCode: String
    public var level: String
    public var agencies: [String]
    public var processingTime: TimeBudget
    public var onlineServiceLevel: String

    public init(code: String, version: Int, name: String, sectorCode: String, level: String, agencies: [String],
                processingTime: TimeBudget, onlineServiceLevel: String) {
        self.code = code
        self.version = version
        self.name = name
        self.sectorCode = sectorCode
        self.level = level
        self.agencies = agencies
        self.processingTime = processingTime
        self.onlineServiceLevel = onlineServiceLevel
    }
}

/// `catalog.procedures.search`: published, not retired procedures; empty filters match all.
public struct ProcedureSearch: Codable, Sendable {
    public var query: String?
    public var sector: String?
    public var agency: String?
    public var level: String?
    /// The online service level (`full`, `partial`, `none`); the portal's filter.
    public var onlineLevel: String?
    public var page: Int
    public var pageSize: Int

    public init(query: String?, sector: String?, agency: String?, level: String?, onlineLevel: String? = nil, page: Int, pageSize: Int) {
        self.query = query
        self.sector = sector
        self.agency = agency
        self.level = level
        self.onlineLevel = onlineLevel
        self.page = page
        self.pageSize = pageSize
    }
}

/// `catalog.procedures.get` (latest published version, or `version`), `.publish` and `.retire`.
public struct ProcedureReference: Codable, Sendable {
    public var code: String
    public var version: Int?

    public init(code: String, version: Int? = nil) {
        self.code = code
        self.version = version
    }
}

/// `catalog.procedures.create` (code in the body) and `.replace` (code from the path): the raw
/// body, validated by the catalog so that every problem is named.
public struct ProcedureDraft: Codable, Sendable {
    public var code: String?
    public var body: JSONValue

    public init(code: String? = nil, body: JSONValue) {
        self.code = code
        self.body = body
    }
}

/// `catalog.procedure.retired`.
public struct ProcedureRetired: Codable, Sendable, Hashable {
    public var code: String
    public var version: Int

    public init(code: String, version: Int) {
        self.code = code
        self.version = version
    }
}
