import Contracts
import Domain

/// Turns a submitted procedure body into a `ProcedureDefinition`, or lists every problem at once
/// with its field path (`workflow[2].sharePercent`). Unknown fields are refused.
enum ProcedureValidator {
    static let levels: Set<String> = ["ministry", "province", "commune"]
    static let onlineLevels: Set<String> = ["full", "partial", "none"]
    static let topFields: Set<String> = ["code", "name", "sectorCode", "level", "agencies", "processingTime", "onlineServiceLevel",
                                         "channels", "fees", "components", "eForm", "results", "workflow", "clockPolicy", "legalBasis"]
    /// Roles that can hold a workflow step (not the applicant, partners or administrators).
    static let stepRoles: [Role] = [.oneStopOfficer, .specialist, .departmentHead, .agencyLeader, .system]

    /// `pathCode` is the code from the URL (`PUT /procedures/{code}`): the body may repeat it or omit it.
    static func validate(_ body: JSONValue, pathCode: String? = nil) throws -> ProcedureDefinition {
        let reader = JSONReader()
        guard let object = reader.object(body, "", allowed: topFields) else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be a JSON object")])
        }
        var code = reader.string(object, "code", "", required: pathCode == nil, maxLength: 60)
        if let pathCode {
            if let code, code != pathCode { reader.fail("code", "must be \(pathCode), the code in the path, or be left out") }
            code = pathCode
        }
        if let code, !ProcedureCode.isWellFormed(code) {
            reader.fail("code", "must be a national code d.dddddd (e.g. 1.001193), optionally followed by an agency identifier")
        }
        let name = reader.string(object, "name", "", maxLength: 500)
        let sector = reader.string(object, "sectorCode", "", maxLength: 20)
        if let sector, !isSectorCode(sector) { reader.fail("sectorCode", "must have the form MX1X2-LV, e.g. G03-GD10") }
        let level = reader.string(object, "level", "", maxLength: 20)
        if let level, !levels.contains(level) { reader.fail("level", "must be ministry, province or commune") }
        let agencies = reader.strings(object, "agencies", "", required: true)
        for (index, agency) in agencies.enumerated() where !AgencyIdentifier.isWellFormed(agency) {
            reader.fail("agencies[\(index)]", "must be an agency identifier such as 000.00.00.H30")
        }
        if case .array(let items)? = object["agencies"], items.isEmpty {
            reader.fail("agencies", "must name at least one agency")
        }
        if Set(agencies).count != agencies.count { reader.fail("agencies", "must not repeat an agency") }
        let budget = processingTime(object["processingTime"], reader)
        let online = reader.string(object, "onlineServiceLevel", "", maxLength: 10)
        if let online, !onlineLevels.contains(online) { reader.fail("onlineServiceLevel", "must be full, partial or none") }
        let channels = self.channels(object, reader)
        let fees = self.fees(object, reader)
        let components = self.components(object, reader)
        let form = eForm(object["eForm"], reader)
        let results = self.results(object, reader)
        let workflow = self.workflow(object, reader)
        var policy = SuspensionPolicy.default
        if let text = reader.string(object, "clockPolicy", "", required: false, maxLength: 10) {
            if let parsed = SuspensionPolicy(rawValue: text) { policy = parsed } else { reader.fail("clockPolicy", "must be restart or resume") }
        }
        let legalBasis = reader.strings(object, "legalBasis", "", required: false)
        guard reader.errors.isEmpty, let code, let name, let sector, let level, let budget, let online else {
            throw ValidationFailure(reader.errors)
        }
        return ProcedureDefinition(code: code, name: name, sectorCode: sector, level: level, agencies: agencies, processingTime: budget,
                                   onlineServiceLevel: online, channels: channels, fees: fees, components: components, eForm: form,
                                   results: results, workflow: workflow, clockPolicy: policy, legalBasis: legalBasis)
    }

    /// `MX1X2-LV`, e.g. `G03-GD10`: the same rule as the shared sectors catalog.
    static func isSectorCode(_ text: String) -> Bool {
        SharedCatalogRules.isSectorCode(text)
    }

    static func processingTime(_ value: JSONValue?, _ reader: JSONReader) -> TimeBudget? {
        guard let object = reader.object(value, "processingTime", allowed: ["amount", "unit"]) else { return nil }
        let amount = reader.integer(object, "amount", "processingTime", range: 1...TimeBudget.maximum(.workingHours))
        let unitText = reader.string(object, "unit", "processingTime", maxLength: 20)
        guard let unitText else { return nil }
        guard let unit = TimeBudget.Unit(rawValue: unitText) else {
            reader.fail("processingTime.unit", "must be workingDays or workingHours")
            return nil
        }
        guard let amount else { return nil }
        switch TimeBudget.make(amount, unit) {
        case .success(let budget): return budget
        case .failure(let error): reader.fail("processingTime.amount", error.description); return nil
        }
    }

    static func channels(_ object: [String: JSONValue], _ reader: JSONReader) -> [SubmissionChannel] {
        let names = reader.strings(object, "channels", "", required: true)
        var channels: [SubmissionChannel] = []
        for (index, name) in names.enumerated() {
            guard let channel = SubmissionChannel(rawValue: name) else {
                reader.fail("channels[\(index)]", "must be direct, online or postal")
                continue
            }
            if channels.contains(channel) { reader.fail("channels[\(index)]", "is listed twice") } else { channels.append(channel) }
        }
        if case .array(let items)? = object["channels"], items.isEmpty { reader.fail("channels", "must allow at least one channel") }
        return channels
    }

    static func fees(_ object: [String: JSONValue], _ reader: JSONReader) -> [ProcedureFee] {
        guard let items = reader.array(object, "fees", "", required: false) else { return [] }
        var fees: [ProcedureFee] = []
        for (index, item) in items.enumerated() {
            let path = "fees[\(index)]"
            guard let fee = reader.object(item, path, allowed: ["code", "name", "amount", "collector"]) else { continue }
            let code = reader.string(fee, "code", path, maxLength: 50)
            let name = reader.string(fee, "name", path)
            let amount = reader.integer(fee, "amount", path, range: 0...1_000_000_000_000)
            let collector = reader.string(fee, "collector", path)
            if let code, let name, let amount, let collector {
                fees.append(ProcedureFee(code: code, name: name, amount: amount, collector: collector))
            }
        }
        duplicates(fees.map(\.code), "fees", reader)
        return fees
    }

    static func components(_ object: [String: JSONValue], _ reader: JSONReader) -> [DossierComponent] {
        guard let items = reader.array(object, "components", "", required: false) else { return [] }
        var components: [DossierComponent] = []
        for (index, item) in items.enumerated() {
            let path = "components[\(index)]"
            guard let component = reader.object(item, path, allowed: ["code", "name", "required", "originals", "copies", "mustDigitise"]) else {
                continue
            }
            let code = reader.string(component, "code", path, maxLength: 50)
            let name = reader.string(component, "name", path)
            let required = reader.bool(component, "required", path, default: true)
            let originals = reader.integer(component, "originals", path, range: 0...100, default: 1)
            let copies = reader.integer(component, "copies", path, range: 0...100, default: 0)
            let digitise = reader.bool(component, "mustDigitise", path, default: false)
            if let originals, let copies, originals + copies == 0 {
                reader.fail(path, "needs at least one original or copy")
            }
            if let code, let name, let originals, let copies {
                components.append(DossierComponent(code: code, name: name, required: required, originals: originals, copies: copies,
                                                   mustDigitise: digitise))
            }
        }
        duplicates(components.map(\.code), "components", reader)
        return components
    }

    static func eForm(_ value: JSONValue?, _ reader: JSONReader) -> EFormDefinition {
        guard value != nil, value != .null else { return EFormDefinition(fields: []) }
        guard let object = reader.object(value, "eForm", allowed: ["fields"]),
              let items = reader.array(object, "fields", "eForm", required: true) else { return EFormDefinition(fields: []) }
        var fields: [EFormField] = []
        for (index, item) in items.enumerated() {
            let path = "eForm.fields[\(index)]"
            guard let field = reader.object(item, path, allowed: ["name", "label", "type", "required", "pattern", "options", "min", "max"]) else {
                continue
            }
            let name = reader.string(field, "name", path, maxLength: 60)
            if let name, !isFieldName(name) { reader.fail("\(path).name", "must be a letter followed by letters, digits or '_'") }
            let label = reader.string(field, "label", path)
            let typeText = reader.string(field, "type", path, maxLength: 20)
            let type = typeText.flatMap(EFormField.FieldType.init(rawValue:))
            if typeText != nil, type == nil {
                reader.fail("\(path).type", "must be one of " + EFormField.FieldType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let required = reader.bool(field, "required", path, default: false)
            let pattern = reader.string(field, "pattern", path, required: false, maxLength: 500)
            if let pattern {
                if type != .string { reader.fail("\(path).pattern", "applies to string fields only") }
                else if !EFormValidator.isValidPattern(pattern) { reader.fail("\(path).pattern", "is not a valid regular expression") }
            }
            var options: [String]?
            if field["options"] != nil {
                options = reader.strings(field, "options", path, required: false)
                if type != .enum { reader.fail("\(path).options", "apply to enum fields only") }
            }
            if type == .enum, options?.isEmpty ?? true { reader.fail("\(path).options", "must list the allowed values of an enum field") }
            let min = reader.number(field, "min", path)
            let max = reader.number(field, "max", path)
            if min != nil || max != nil, let type, ![.string, .number, .integer].contains(type) {
                reader.fail("\(path).\(min != nil ? "min" : "max")", "applies to string, number and integer fields only")
            }
            if let min, let max, min > max { reader.fail("\(path).max", "must not be below min") }
            if let name, let label, let type {
                fields.append(EFormField(name: name, label: label, type: type, required: required, pattern: pattern, options: options,
                                         min: min, max: max))
            }
        }
        duplicates(fields.map(\.name), "eForm.fields", reader)
        return EFormDefinition(fields: fields)
    }

    static func results(_ object: [String: JSONValue], _ reader: JSONReader) -> [ProcedureResult] {
        guard let items = reader.array(object, "results", "", required: true) else { return [] }
        var results: [ProcedureResult] = []
        for (index, item) in items.enumerated() {
            let path = "results[\(index)]"
            guard let result = reader.object(item, path, allowed: ["code", "name"]) else { continue }
            if let code = reader.string(result, "code", path, maxLength: 50), let name = reader.string(result, "name", path) {
                results.append(ProcedureResult(code: code, name: name))
            }
        }
        if items.isEmpty { reader.fail("results", "must name at least one result") }
        duplicates(results.map(\.code), "results", reader)
        return results
    }

    static func workflow(_ object: [String: JSONValue], _ reader: JSONReader) -> [WorkflowStepDefinition] {
        guard let items = reader.array(object, "workflow", "", required: true) else { return [] }
        var steps: [WorkflowStepDefinition] = []
        var total = 0
        var complete = true
        for (index, item) in items.enumerated() {
            let path = "workflow[\(index)]"
            guard let step = reader.object(item, path, allowed: ["role", "orgUnit", "sharePercent", "interAgency", "name"]) else {
                complete = false
                continue
            }
            let roleText = reader.string(step, "role", path, maxLength: 40)
            let role = roleText.flatMap(Role.init(rawValue:))
            if roleText != nil, role.map(stepRoles.contains) != true {
                reader.fail("\(path).role", "must be one of " + stepRoles.map(\.rawValue).joined(separator: ", "))
            }
            let unit = reader.string(step, "orgUnit", path, maxLength: 60)
            let share = reader.integer(step, "sharePercent", path, range: 1...100)
            let inter = reader.bool(step, "interAgency", path, default: false)
            let name = reader.string(step, "name", path, required: false)
            if let share { total += share } else { complete = false }
            if let role, let unit, let share {
                steps.append(WorkflowStepDefinition(role: role, orgUnit: unit, sharePercent: share, interAgency: inter, name: name))
            }
        }
        if items.isEmpty { reader.fail("workflow", "must have at least one step") }
        else if complete, total != 100 { reader.fail("workflow", "the steps' sharePercent must sum to 100, not \(total)") }
        return steps
    }

    static func duplicates(_ codes: [String], _ path: String, _ reader: JSONReader) {
        var seen: Set<String> = []
        for (index, code) in codes.enumerated() where !seen.insert(code).inserted {
            reader.fail("\(path)[\(index)]", "repeats \(code)")
        }
    }

    static func isFieldName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return text.count <= 60 && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }
}
