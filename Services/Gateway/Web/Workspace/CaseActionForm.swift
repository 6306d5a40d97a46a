import Contracts
import Domain
import Foundation
import OnegateWeb

/// One workflow action as the case page offers it: the inputs it needs (from `ActionRequest.fields`)
/// and the `processing.act` body built from the posted form. The page checks only that the inputs
/// are there and well formed; processing decides whether the action may be taken and validates
/// the data again.
struct CaseActionForm {
    let kind: DossierAction.Kind

    /// An input of an action's form; each is named `name` in the form and `{action}-{name}` as an id.
    enum Input: String {
        case reason, newDueDate, assignee, missingItems, agencies, agency, amount, channel, reference, resultFile, supplied
    }

    /// The inputs, in the order the form shows them (the free note comes last, for every action).
    var inputs: [Input] {
        switch kind {
        case .receive, .transfer, .approve, .completeStep: []
        case .refuse, .sendBack, .stop, .withdraw: [.reason]
        case .extend: [.newDueDate, .reason]
        case .assign: [.assignee]
        case .confirmPayment: [.reference]
        case .requestSupplement: [.missingItems]
        case .supplement: [.supplied]
        case .issueResult: [.resultFile]
        case .consult: [.agencies]
        case .replyConsultation: [.agency]
        case .requestPayment: [.amount]
        case .returnResult: [.channel]
        }
    }

    /// The issue-result form uploads its PDF (multipart, `WebFormUpload.multipartPaths`).
    var uploads: Bool { kind == .issueResult }

    /// Catalog key of the action's name (`case_action_request_supplement`).
    var labelKey: String { "case_action_" + kind.rawValue.replacingOccurrences(of: "-", with: "_") }

    /// The id of an input on the page (unique among the page's forms).
    func id(_ input: Input) -> String { "\(kind.rawValue)-\(input.rawValue)" }
    var confirmID: String { "\(kind.rawValue)-confirm" }
    var noteID: String { "\(kind.rawValue)-note" }

    static let maximumReasonLength = 1000
    static let maximumNoteLength = 2000

    /// What the posted form asks for: the JSON body, or the problems named per input id.
    /// `fields` are the form's text fields; the checkbox groups are `missing.{n}` and `agency.{code}`.
    func body(_ fields: [String: String], resultDocument: DocumentView?, resultRefusal: Problem?,
              t: MessageCatalog) -> (body: JSONValue, errors: AccountPagesController.Errors) {
        var body: [String: JSONValue] = [:]
        var errors: AccountPagesController.Errors = []
        func text(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        for input in inputs {
            switch input {
            case .reason:
                let reason = text("reason")
                if reason.isEmpty { errors.append((id(input), t["case_error_reason"])) }
                else if reason.count > Self.maximumReasonLength { errors.append((id(input), t["case_error_reason_long"])) }
                else { body["reason"] = .string(reason) }
            case .newDueDate:
                let date = text("newDueDate")
                if LocalDate(iso: date) == nil { errors.append((id(input), t["case_error_due_date"])) }
                else { body["newDueDate"] = .string(date) }
            case .assignee:
                let assignee = text("assignee")
                if assignee.isEmpty { errors.append((id(input), t["case_error_assignee"])) }
                else { body["assignee"] = .string(assignee) }
            case .reference:
                let reference = text("reference")
                if reference.isEmpty { errors.append((id(input), t["case_error_reference"])) }
                else { body["reference"] = .string(reference) }
            case .missingItems:
                var items = Self.checked(fields, prefix: "missing.")
                let other = text("missingOther")
                if !other.isEmpty { items.append(other) }
                if items.isEmpty { errors.append((id(input), t["case_error_missing_items"])) }
                else { body["missingItems"] = .array(items.map(JSONValue.string)) }
            case .supplied:
                let documents = Self.checked(fields, prefix: "supplied.")
                if documents.isEmpty { errors.append((id(input), t["case_error_supplied"])) }
                else { body["supplied"] = .array(documents.map(JSONValue.string)) }
            case .agencies:
                var agencies = Self.checked(fields, prefix: "agency.")
                agencies += text("agencyOther").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
                if agencies.isEmpty { errors.append((id(input), t["case_error_agencies"])) }
                else if agencies.contains(where: { !AgencyIdentifier.isWellFormed($0) }) { errors.append((id(input), t["case_error_agency_code"])) }
                else { body["agencies"] = .array(agencies.map(JSONValue.string)) }
            case .agency:
                let agency = text("agency")
                if !AgencyIdentifier.isWellFormed(agency) { errors.append((id(input), t["case_error_agency"])) }
                else { body["agency"] = .string(agency) }
            case .amount:
                let digits = text("amount").filter { $0 != "." && $0 != " " }
                if let amount = Int(digits), amount > 0, digits.count < 15 { body["amount"] = .number(Double(amount)) }
                else { errors.append((id(input), t["case_error_amount"])) }
            case .channel:
                let channel = text("channel")
                if SubmissionChannel(rawValue: channel) == nil { errors.append((id(input), t["case_error_channel"])) }
                else { body["channel"] = .string(channel) }
            case .resultFile:
                if let resultRefusal {
                    errors.append((id(input), SupplementPages.refusal(resultRefusal, t: t)))
                } else if let resultDocument {
                    if resultDocument.mediaType != "application/pdf" { errors.append((id(input), t["case_error_result_pdf"])) }
                    else { body["resultDocuments"] = .array([.string(resultDocument.id)]) }
                } else {
                    errors.append((id(input), t["case_error_result_file"]))
                }
            }
        }
        let note = text("note")
        if note.count > Self.maximumNoteLength { errors.append((noteID, t["case_error_note_long"])) }
        else if !note.isEmpty { body["note"] = .string(note) }
        if fields["confirm"] != "yes" { errors.append((confirmID, t["case_error_confirm"])) }
        return (.object(body), errors)
    }

    /// The values of the checked boxes `{prefix}{anything}`, in the order of their names.
    static func checked(_ fields: [String: String], prefix: String) -> [String] {
        fields.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
            .map { $0.value.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
