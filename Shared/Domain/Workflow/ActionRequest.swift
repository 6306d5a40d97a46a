/// An action as a client asks for it (`POST /api/v1/dossiers/{code}/{action}` with a JSON body),
/// turned into a `DossierAction` with every problem named at once. Facts the client does not
/// decide — the procedure's number of workflow steps — come from the server.
public struct ActionRequest: Sendable, Hashable {
    public let action: DossierAction
    /// Free text recorded with the step (the control slip shows it).
    public let note: String?
    /// For `extend`: the new appointment date (form 04), in Vietnam time.
    public let newDueDate: LocalDate?

    static let maximumNoteLength = 2_000

    public init(action: DossierAction, note: String?, newDueDate: LocalDate?) {
        self.action = action
        self.note = note
        self.newDueDate = newDueDate
    }

    /// `stepCount` is the procedure version's number of workflow steps.
    public static func parse(_ kind: DossierAction.Kind, body: JSONValue, stepCount: Int) -> Result<ActionRequest, ValidationFailure> {
        let object: [String: JSONValue]
        switch body {
        case .object(let value): object = value
        case .null: object = [:]
        default: return .failure(ValidationFailure([FieldError(field: "", message: "the body must be a JSON object, not \(body.typeName)")]))
        }
        var reader = FieldReader(object: object, path: "", errors: [])
        reader.rejectUnknown(allowed: Set(fields(of: kind)).union(["note"]))
        let note = reader.string("note", required: false) { $0.count > maximumNoteLength ? "must be at most \(maximumNoteLength) characters" : nil }
        var newDueDate: LocalDate?
        let action: DossierAction?
        switch kind {
        case .receive: action = .receive
        case .transfer: action = .transfer
        case .approve: action = .approve
        case .completeStep: action = .completeStep(stepCount: stepCount)
        case .refuse: action = reader.text("reason").map { .refuse(reason: $0) }
        case .sendBack: action = reader.text("reason").map { .sendBack(reason: $0) }
        case .stop: action = reader.text("reason").map { .stop(reason: $0) }
        case .withdraw: action = reader.text("reason").map { .withdraw(reason: $0) }
        case .assign: action = reader.text("assignee").map { .assign(assignee: $0) }
        case .confirmPayment: action = reader.text("reference").map { .confirmPayment(reference: $0) }
        case .requestSupplement: action = reader.strings("missingItems").map { .requestSupplement(missingItems: $0) }
        case .supplement: action = reader.strings("supplied").map { .supplement(supplied: $0) }
        case .issueResult: action = reader.strings("resultDocuments").map { .issueResult(resultDocuments: $0) }
        case .consult: action = reader.agencies("agencies").map { .consult(agencies: $0) }
        case .replyConsultation: action = reader.agency("agency").map { .replyConsultation(agency: $0) }
        case .requestPayment: action = reader.wholeNumber("amount").map { .requestPayment(amount: $0) }
        case .returnResult:
            action = reader.string("channel", required: true) {
                SubmissionChannel(rawValue: $0) == nil ? "must be one of direct, postal, online" : nil
            }.flatMap(SubmissionChannel.init(rawValue:)).map { .returnResult(channel: $0) }
        case .extend:
            let reason = reader.text("reason")
            newDueDate = reader.string("newDueDate", required: true) { LocalDate(iso: $0) == nil ? "must be a date YYYY-MM-DD" : nil }
                .flatMap(LocalDate.init(iso:))
            action = reason.map { .extend(reason: $0) }
        }
        guard reader.errors.isEmpty, let action else { return .failure(ValidationFailure(reader.errors)) }
        return .success(ActionRequest(action: action, note: note, newDueDate: newDueDate))
    }

    /// The body fields each action takes (besides `note`).
    public static func fields(of kind: DossierAction.Kind) -> [String] {
        switch kind {
        case .receive, .transfer, .approve, .completeStep: []
        case .refuse, .sendBack, .stop, .withdraw: ["reason"]
        case .extend: ["reason", "newDueDate"]
        case .assign: ["assignee"]
        case .confirmPayment: ["reference"]
        case .requestSupplement: ["missingItems"]
        case .supplement: ["supplied"]
        case .issueResult: ["resultDocuments"]
        case .consult: ["agencies"]
        case .replyConsultation: ["agency"]
        case .requestPayment: ["amount"]
        case .returnResult: ["channel"]
        }
    }
}

extension LocalDate {
    /// Parses ISO 8601 `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy(isDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }
}

extension FieldReader {
    /// A required, non-blank string (trimmed). Deeper rules (length…) are the state machine's.
    mutating func text(_ key: String) -> String? {
        string(key, required: true) { $0.trimmingWhitespace.isEmpty ? "must not be blank" : nil }.map(\.trimmingWhitespace)
    }

    mutating func strings(_ key: String) -> [String]? {
        guard let items = array(key) else {
            if object[key] == nil || object[key] == .null { errors.append(FieldError(field: path + key, message: "is required")) }
            return nil
        }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let value) = item else {
                errors.append(FieldError(field: "\(path)\(key)[\(index)]", message: "must be a string, not \(item.typeName)"))
                continue
            }
            values.append(value)
        }
        return values.count == items.count ? values : nil
    }

    mutating func agency(_ key: String) -> AgencyIdentifier? {
        string(key, required: true) { AgencyIdentifier.isWellFormed($0) ? nil : "must be an agency identifier such as 000.00.00.H30" }
            .flatMap(AgencyIdentifier.init)
    }

    mutating func agencies(_ key: String) -> [AgencyIdentifier]? {
        guard let texts = strings(key) else { return nil }
        var result: [AgencyIdentifier] = []
        for (index, text) in texts.enumerated() {
            guard let agency = AgencyIdentifier(text) else {
                errors.append(FieldError(field: "\(path)\(key)[\(index)]", message: "must be an agency identifier such as 000.00.00.H30"))
                continue
            }
            result.append(agency)
        }
        return result.count == texts.count ? result : nil
    }

    mutating func wholeNumber(_ key: String) -> Int? {
        switch object[key] {
        case .number(let value)? where value.rounded() == value && abs(value) < 1e15:
            return Int(value)
        case nil, .null?:
            errors.append(FieldError(field: path + key, message: "is required"))
        case .number?:
            errors.append(FieldError(field: path + key, message: "must be a whole number of đồng"))
        case let other?:
            errors.append(FieldError(field: path + key, message: "must be a number, not \(other.typeName)"))
        }
        return nil
    }
}
