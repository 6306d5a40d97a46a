import Contracts
import Domain
import Foundation
import OnegateWeb

/// The template values of the online submission's pages: the form (applicant, agency, e-form
/// fields by type, one file input per component with the limits), its errors in words, and the
/// review of what will be sent.
struct SubmissionFormView {
    let form: OnlineSubmissionForm
    let page: WebPage
    let agencyNames: [String: String]
    let limits: UploadLimits?

    var t: MessageCatalog { page.t }
    var procedure: ProcedureDefinition { form.procedure }

    /// The label of a page field, for messages.
    func label(_ field: String) -> String {
        if field.hasPrefix("form."), let eField = procedure.eForm.fields.first(where: { "form.\($0.name)" == field }) { return eField.label }
        if field.hasPrefix("doc."), let component = procedure.components.first(where: { "doc.\($0.code)" == field }) { return component.name }
        if field.hasPrefix("applicant.") { return t[Self.applicantKey(String(field.dropFirst("applicant.".count)))] }
        if field == "agencyCode" { return t["submit_agency"] }
        return field
    }

    /// The catalog key of an applicant field's label (`idNumber` → `applicant_id_number`).
    static func applicantKey(_ name: String) -> String {
        "applicant_" + name.reduce(into: "") { key, character in
            key += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }

    /// The element a field's error links to.
    static func elementID(_ field: String) -> String {
        field.replacingOccurrences(of: ".", with: "-")
    }

    func message(_ problem: OnlineSubmissionForm.Problem) -> String {
        var key = problem.key
        if problem.field.hasPrefix("doc.") && key == "error_required" { key = "error_file_required" }
        if problem.field == "applicant.kind" || problem.field == "agencyCode" { key = key == "error_required" ? "error_option" : key }
        return t.format(key, problem.values.merging(["label": label(problem.field), "detail": problem.detail]) { $1 })
    }

    /// Why `documents` did not store a file, in words.
    func message(refused problem: Problem, field: String) -> String {
        let values = ["label": label(field), "detail": problem.detail ?? problem.title,
                      "limit": limits.map { FileSize.text($0.maximumFileBytes) } ?? ""]
        switch problem.status {
        case 413: return t.format("error_file_too_large", values)
        case 415: return t.format("error_file_type", values)
        default: return t.format("error_file_other", values)
        }
    }

    /// The form page's values; `errors` maps page fields to their messages.
    func formView(errors: [(field: String, message: String)], action: String) -> [String: Any] {
        let errorOf = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        func input(_ name: String, label: String, type: String = "text", hint: String? = nil, autocomplete: String? = nil,
                   inputmode: String? = nil) -> [String: Any] {
            var item: [String: Any] = ["id": Self.elementID(name), "name": name, "label": label, "value": form.fields[name] ?? "",
                                       "type": type, "isInput": true]
            if let hint { item["hint"] = hint }
            if let autocomplete { item["autocomplete"] = autocomplete }
            if let inputmode { item["inputmode"] = inputmode }
            if let error = errorOf[name] { item["error"] = error }
            return item
        }
        let kind = form.value("applicant.kind") ?? ApplicantKind.citizen.rawValue
        let applicant: [[String: Any]] = [
            input("applicant.name", label: t[Self.applicantKey("name")], autocomplete: "name"),
            input("applicant.idNumber", label: t[Self.applicantKey("idNumber")], hint: t["applicant_id_number_hint"], inputmode: "numeric"),
            input("applicant.phone", label: t[Self.applicantKey("phone")], type: "tel", autocomplete: "tel"),
            input("applicant.email", label: t[Self.applicantKey("email")], type: "email", autocomplete: "email"),
            input("applicant.address", label: t[Self.applicantKey("address")], autocomplete: "street-address"),
        ]
        let eForm = procedure.eForm.fields.map { field -> [String: Any] in
            let name = "form.\(field.name)"
            var item = input(name, label: field.label + (field.required ? "" : " " + t["field_optional"]))
            switch field.type {
            case .string: break
            case .number: item["inputmode"] = "decimal"
            case .integer: item["inputmode"] = "numeric"
            case .date:
                item["type"] = "date"
            case .boolean:
                item["isInput"] = false
                item["isCheckbox"] = true
                item["checked"] = form.value(name) != nil
            case .enum:
                item["isInput"] = false
                item["isSelect"] = true
                let chosen = form.value(name)
                item["options"] = [["value": "", "text": t["field_choose"], "selected": chosen == nil]]
                    + (field.options ?? []).map { ["value": $0, "text": $0, "selected": $0 == chosen] }
            }
            if field.type == .string, let max = field.max { item["maxlength"] = String(Int(max)) }
            return item
        }
        let documents = form.documents
        let components = procedure.components.map { component -> [String: Any] in
            let field = "doc.\(component.code)"
            var item: [String: Any] = [
                "id": Self.elementID(field), "code": component.code, "name": component.name,
                "inputName": "file.\(component.code)", "docField": field, "docNameField": "docname.\(component.code)",
                "requirement": t.format("component_requirement", ["originals": String(component.originals), "copies": String(component.copies)])
                    + " · " + (component.required ? t["component_required"] : t["component_optional"]),
            ]
            if let id = documents[component.code] {
                item["documentId"] = id
                item["documentName"] = form.value("docname.\(component.code)") ?? id
            }
            if let error = errorOf[field] { item["error"] = error }
            return item
        }
        var view: [String: Any] = [
            "procedure": ["code": procedure.code, "name": procedure.name],
            "procedureHref": "/procedures/\(PageChrome.encode(procedure.code))",
            "action": action,
            "isOrganisation": kind == ApplicantKind.organisation.rawValue,
            "applicant": applicant, "eForm": eForm, "components": components,
            "hasErrors": !errors.isEmpty,
            "errors": errors.map { ["field": Self.elementID($0.field), "message": $0.message] },
            "limits": limits.map { t.format("upload_limits", ["size": FileSize.text($0.maximumFileBytes),
                                                              "total": FileSize.text($0.maximumDossierBytes)]) } ?? "",
            "accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt,.ods",
            "maximumFileBytes": limits.map { String($0.maximumFileBytes) } ?? "",
        ]
        if let error = errorOf["applicant.kind"] { view["kindError"] = error }
        if procedure.agencies.count > 1 {
            let chosen = form.value("agencyCode")
            var choice: [String: Any] = [
                "options": [["value": "", "text": t["field_choose"], "selected": chosen == nil]]
                    + procedure.agencies.map { ["value": $0, "text": agencyNames[$0] ?? $0, "selected": $0 == chosen] },
            ]
            if let error = errorOf["agencyCode"] { choice["error"] = error }
            view["agencyChoice"] = choice
        }
        return view
    }

    /// The review page's values: what will be sent, and every field again as hidden inputs.
    func reviewView(idempotencyKey: String) -> [String: Any] {
        func row(_ label: String, _ value: String?) -> [String: String]? {
            value.map { ["label": label, "value": $0] }
        }
        let kind = form.value("applicant.kind") == ApplicantKind.organisation.rawValue ? t["applicant_kind_organisation"] : t["applicant_kind_citizen"]
        let applicant = [row(t["applicant_kind"], kind)] + ["name", "idNumber", "phone", "email", "address"].map {
            row(t[Self.applicantKey($0)], form.value("applicant.\($0)"))
        }
        let eForm = procedure.eForm.fields.map { field -> [String: String]? in
            let value = form.value("form.\(field.name)")
            switch field.type {
            case .boolean: return row(field.label, value == nil ? t["answer_no"] : t["answer_yes"])
            case .date: return row(field.label, value.map { EFormValidator.parseDate($0).map(Self.day) ?? $0 })
            default: return row(field.label, value)
            }
        }
        let documents = form.documents
        let components = procedure.components.compactMap { component -> [String: String]? in
            documents[component.code].map { _ in ["label": component.name, "value": form.value("docname.\(component.code)") ?? ""] }
        }
        let hidden = form.fields.keys.sorted().filter { $0 != CSRFToken.fieldName && $0 != "idempotencyKey" && $0 != "step" }
            .map { ["name": $0, "value": form.fields[$0] ?? ""] }
        var view: [String: Any] = [
            "procedure": ["code": procedure.code, "name": procedure.name],
            "procedureHref": "/procedures/\(PageChrome.encode(procedure.code))",
            "applicant": applicant.compactMap { $0 }, "eForm": eForm.compactMap { $0 }, "components": components,
            "hidden": hidden, "idempotencyKey": idempotencyKey,
            "time": PortalController.time(procedure.processingTime, t),
            "hasFees": !procedure.fees.isEmpty,
            "fees": procedure.fees.map { ["name": $0.name, "amount": Money.dong($0.amount)] },
        ]
        if let agency = form.agencyCode { view["agency"] = agencyNames[agency] ?? agency }
        return view
    }

    static func day(_ date: LocalDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }
}
