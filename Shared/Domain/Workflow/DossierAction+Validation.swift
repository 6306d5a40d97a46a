extension DossierAction {
    /// The longest free text (a reason, a missing item, a document id) an action may carry.
    public static let maximumTextLength = 2000

    /// Every problem with the action's data, each naming its request field; empty when valid.
    /// Some checks need the dossier: the step count must exceed the current step, and a reply
    /// must come from an agency still awaited.
    public func dataErrors(in workflow: DossierWorkflow) -> [FieldError] {
        switch self {
        case .receive, .transfer, .approve, .returnResult:
            return []
        case .refuse(let reason), .sendBack(let reason), .extend(let reason), .stop(let reason), .withdraw(let reason):
            return Self.textErrors(reason, field: "reason")
        case .assign(let assignee):
            return Self.textErrors(assignee, field: "assignee")
        case .confirmPayment(let reference):
            return Self.textErrors(reference, field: "reference")
        case .requestSupplement(let items):
            return Self.listErrors(items, field: "missingItems", emptyMessage: "must list every missing item, at least one")
        case .supplement(let items):
            return Self.listErrors(items, field: "supplied", emptyMessage: "must name at least one supplied document or item")
        case .issueResult(let documents):
            return Self.listErrors(documents, field: "resultDocuments", emptyMessage: "must name at least one result document")
        case .completeStep(let stepCount):
            if stepCount < 1 {
                return [FieldError(field: "stepCount", message: "must be at least 1")]
            }
            if workflow.currentStep >= stepCount {
                return [FieldError(field: "stepCount", message: "is \(stepCount), but the dossier is at step \(workflow.currentStep + 1)")]
            }
            return []
        case .consult(let agencies):
            if agencies.isEmpty {
                return [FieldError(field: "agencies", message: "must name at least one agency")]
            }
            return Self.duplicateErrors(agencies.map(\.rawValue), field: "agencies", message: "repeats an earlier agency")
        case .replyConsultation(let agency):
            if workflow.pendingConsultations.contains(agency) { return [] }
            return [FieldError(field: "agency", message: "\(agency) was not consulted or has already replied")]
        case .requestPayment(let amount):
            return amount > 0 ? [] : [FieldError(field: "amount", message: "must be a positive amount in đồng")]
        }
    }

    private static func textErrors(_ text: String, field: String) -> [FieldError] {
        if text.trimmingWhitespace.isEmpty {
            return [FieldError(field: field, message: "must not be blank")]
        }
        if text.count > maximumTextLength {
            return [FieldError(field: field, message: "must be at most \(maximumTextLength) characters")]
        }
        return []
    }

    private static func listErrors(_ items: [String], field: String, emptyMessage: String) -> [FieldError] {
        if items.isEmpty {
            return [FieldError(field: field, message: emptyMessage)]
        }
        let itemErrors = items.enumerated().flatMap { index, item in textErrors(item, field: "\(field)[\(index)]") }
        return itemErrors + duplicateErrors(items.map(\.trimmingWhitespace), field: field, message: "repeats an earlier item")
    }

    private static func duplicateErrors(_ values: [String], field: String, message: String) -> [FieldError] {
        var seen: Set<String> = []
        return values.enumerated().compactMap { index, value in
            seen.insert(value).inserted || value.isEmpty ? nil : FieldError(field: "\(field)[\(index)]", message: message)
        }
    }
}
