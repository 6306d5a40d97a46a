import Contracts
import Domain
import Foundation
import OnegateWeb

/// The case page's view (template `workspace-case`): the status and the clock, one form per
/// action processing allows the caller, the applicant, the checklist of components with the files
/// supplied, the e-results and their signatures, the clock's history, consultations, payments, the
/// control slip and the printable forms.
struct CasePageView {
    let data: CaseData
    let t: MessageCatalog
    let now: Date

    /// What the page posts back after a refused form: the values to keep and the action whose form stays open.
    struct Posted {
        var action: String
        var fields: [String: String]
    }

    var base: String { "/workspace/dossiers/\(PageChrome.encode(data.detail.code))" }

    func view(errors: AccountPagesController.Errors, posted: Posted?) -> [String: Any] {
        let detail = data.detail
        let national = NationalStatus(rawValue: detail.status.code) ?? .submitted
        var view = AccountPagesController.errorView(errors)
        view["code"] = detail.code
        view["heading"] = t.format("case_heading", ["code": detail.code])
        view["procedure"] = detail.procedureName ?? detail.procedureCode
        view["procedureCode"] = detail.procedureCode
        view["agencyName"] = data.agencyNames[detail.agencyCode] ?? detail.agencyCode
        view["channelName"] = t["channel_\(detail.channel.rawValue)"]
        view["submittedAt"] = VietnamTime.dateTime(detail.submittedAt)
        view["receivedAt"] = detail.receivedAt.map(VietnamTime.dateTime) ?? t["case_not_received"]
        view["status"] = [
            "code": String(detail.status.code), "name": statusName(detail.status),
            "numberText": t.format("status_number", ["number": String(detail.status.code)]),
            "tone": StatusPresentation.tone(national).rawValue, "state": detail.state,
        ]
        view["clock"] = clock()
        if let step = detail.currentStep {
            view["currentStepText"] = t.format("case_step", ["number": String(step.number), "of": String(step.of),
                                                  "name": step.name ?? step.role, "unit": data.unitNames[step.orgUnit] ?? step.orgUnit])
        }
        if let assignee = detail.assignee { view["assigneeName"] = assignee.name }
        view["applicant"] = applicant()
        view["checklist"] = checklist()
        view["otherDocuments"] = otherDocuments()
        view["hasOtherDocuments"] = !(view["otherDocuments"] as? [Any] ?? []).isEmpty
        view["results"] = results()
        view["hasResults"] = !data.results.isEmpty
        view["deadline"] = detail.deadline.map(deadlineEntry)
        view["hasDeadline"] = !detail.deadline.isEmpty
        let consultations = entries(actions: [.consult, .replyConsultation])
        view["consultations"] = consultations
        view["pendingConsultations"] = detail.pendingConsultations.map { agency in data.agencyNames[agency].map { "\($0) (\(agency))" } ?? agency }
        view["hasPending"] = !detail.pendingConsultations.isEmpty
        view["hasConsultations"] = !consultations.isEmpty || !detail.pendingConsultations.isEmpty
        let payments = entries(actions: [.requestPayment, .confirmPayment])
        view["payments"] = payments
        view["hasPayments"] = !payments.isEmpty
        view["slip"] = data.timeline.entries.map(slipEntry)
        view["forms"] = forms()
        let actions = detail.allowedActions.compactMap(DossierAction.Kind.init(rawValue:)).map { actionView(CaseActionForm(kind: $0), posted: posted, errors: errors) }
        view["actions"] = actions
        view["hasActions"] = !actions.isEmpty
        return view
    }

    func statusName(_ status: StatusView) -> String { t.messages["status_name_\(status.code)"] ?? status.name }

    // MARK: Clock

    /// The due date, the working time left (or overdue by), suspension and extension.
    func clock() -> [String: Any] {
        let detail = data.detail
        var clock: [String: Any] = [:]
        guard let due = detail.dueAt else {
            clock["due"] = t["case_due_none"]
            return clock
        }
        clock["due"] = t.format("due_at", ["time": VietnamTime.time(due), "date": VietnamTime.day(due)])
        clock["dueISO"] = VietnamTime.iso(due)
        let finished = NationalStatus(rawValue: detail.status.code).map { $0 == .returned || StatusPresentation.tone($0) == .ended } ?? false
        if finished {
            // The clock no longer runs: say whether the case ended by its due date.
            let end = detail.history.last?.at ?? now
            clock["left"] = end <= due ? t["case_finished_on_time"] : t["case_finished_late"]
        } else if detail.suspended {
            clock["left"] = t["case_clock_suspended"]
            clock["flag"] = t["case_flag_suspended"]
        } else if detail.overdue || due < now {
            clock["left"] = t.format("case_overdue_by", ["time": duration(data.calendar.officeSeconds(from: Moment(due), to: Moment(now)))])
            clock["flag"] = t["late"]
            clock["late"] = true
        } else {
            let seconds = data.calendar.officeSeconds(from: Moment(now), to: Moment(due))
            clock["left"] = t.format("case_time_left", ["time": duration(seconds)])
            if seconds <= 8 * 3600 { clock["flag"] = t["case_flag_due_soon"]; clock["soon"] = true }
        }
        if detail.extended { clock["extended"] = t["case_extended"] }
        return clock
    }

    /// `2 ngày 3 giờ làm việc` (a working day counted as 8 office hours), `45 phút`.
    func duration(_ seconds: Int64) -> String {
        let minutes = Int(seconds / 60)
        let days = minutes / (8 * 60)
        let hours = minutes % (8 * 60) / 60
        let rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append(t.format("case_days", ["n": String(days)])) }
        if hours > 0 { parts.append(t.format("case_hours", ["n": String(hours)])) }
        if days == 0 && (rest > 0 || parts.isEmpty) { parts.append(t.format("case_minutes", ["n": String(rest)])) }
        return parts.joined(separator: " ")
    }

    func deadlineEntry(_ entry: DeadlineEntry) -> [String: Any] {
        var item: [String: Any] = ["event": t.messages["case_clock_event_\(entry.event)"] ?? entry.event, "at": VietnamTime.dateTime(entry.at)]
        if let due = entry.due { item["due"] = VietnamTime.dateTime(due) }
        if let policy = entry.policy { item["policy"] = t.messages["case_policy_\(policy)"] ?? policy }
        return item
    }

    // MARK: Applicant and files

    func applicant() -> [[String: String]] {
        guard let applicant = data.detail.applicant else { return [] }
        var rows: [[String: String]] = [
            ["label": t["case_applicant_kind"], "value": t.messages["applicant_kind_\(applicant.kind.rawValue)"] ?? applicant.kind.rawValue],
            ["label": t["case_applicant_name"], "value": applicant.name],
            ["label": t[applicant.kind == .organisation ? "case_applicant_tax_code" : "case_applicant_id"], "value": applicant.idNumber],
        ]
        for (key, value) in [("case_applicant_phone", applicant.phone), ("case_applicant_email", applicant.email),
                             ("case_applicant_address", applicant.address)] {
            if let value, !value.isEmpty { rows.append(["label": t[key], "value": value]) }
        }
        return rows
    }

    func documentLink(_ document: DocumentView) -> [String: Any] {
        var link: [String: Any] = [
            "filename": document.filename, "href": "\(base)/documents/\(PageChrome.encode(document.id))",
            "size": ApplicantDossiersController.size(document.size, t: t), "type": document.mediaType,
            "opens": CaseFiles.opensInline(document.mediaType) ? t["case_file_opens"] : t["case_file_downloads"],
        ]
        if document.digitisedBy != nil { link["digitised"] = t["case_file_digitised"] }
        return link
    }

    /// One row per component of the procedure: required or not, originals/copies, and the files supplied.
    func checklist() -> [[String: Any]] {
        data.components.map { component in
            let files = data.documents.filter { $0.componentCode == component.code }.map { documentLink($0.document) }
            return [
                "code": component.code, "name": component.name,
                "required": component.required ? t["case_required"] : t["case_optional"],
                "counts": t.format("case_originals_copies", ["originals": String(component.originals), "copies": String(component.copies)]),
                "files": files, "supplied": !files.isEmpty,
                "state": files.isEmpty ? (component.required ? t["case_missing"] : t["case_not_supplied"]) : t["case_supplied"],
                "missing": files.isEmpty && component.required,
            ]
        }
    }

    /// Files that belong to no component of the procedure (attached later, digitised copies…).
    func otherDocuments() -> [[String: Any]] {
        let known = Set(data.components.map(\.code))
        let resultIDs = Set(data.results.map(\.documentId))
        return data.documents.filter { !known.contains($0.componentCode) && !resultIDs.contains($0.document.id) }.map { documentLink($0.document) }
    }

    func results() -> [[String: Any]] {
        data.results.map { result in
            var item: [String: Any] = [
                "code": result.code, "filename": result.filename,
                "href": "\(base)/documents/\(PageChrome.encode(result.documentId))",
                "issuedAt": VietnamTime.dateTime(result.issuedAt),
                "signature": result.signer.map { signer in
                    t.format("case_result_signed", ["signer": signer, "at": result.signedAt.map(VietnamTime.dateTime) ?? ""])
                } ?? t["case_result_unsigned"],
                "signed": result.signer != nil,
                "sha256": result.sha256, "verifyHref": "/results/\(PageChrome.encode(result.code))/verify",
            ]
            if result.invalidated {
                item["invalidated"] = t.format("case_result_invalidated", [
                    "at": result.invalidatedAt.map(VietnamTime.dateTime) ?? "", "reason": result.invalidationReason ?? ""])
            }
            return item
        }
    }

    // MARK: History

    func person(_ actor: ActorRef) -> String {
        guard let unit = actor.unit else { return actor.name }
        return t.format("case_actor_unit", ["actor": actor.name, "unit": data.unitNames[unit] ?? unit])
    }

    func actionName(_ action: String) -> String {
        t.messages["case_action_" + action.replacingOccurrences(of: "-", with: "_")] ?? action
    }

    /// The control slip's lines (processing.timeline): who handed over to which step, when, the
    /// step's deadline, when it finished and whether on time.
    func slipEntry(_ entry: TimelineEntry) -> [String: Any] {
        var item: [String: Any] = [
            "sequence": String(entry.sequence), "action": actionName(entry.action), "actor": person(entry.actor),
            "at": VietnamTime.dateTime(entry.at), "iso": VietnamTime.iso(entry.at),
            "status": statusName(entry.status), "numberText": t.format("status_number", ["number": String(entry.status.code)]),
        ]
        if let step = entry.step { item["stepName"] = step }
        if let due = entry.stepDueAt { item["stepDue"] = VietnamTime.dateTime(due) }
        item["finished"] = entry.finishedAt.map(VietnamTime.dateTime) ?? t["case_step_running"]
        if let onTime = entry.onTime {
            item["timeliness"] = onTime ? t["on_time"] : t["late"]
            item["timelinessClass"] = onTime ? "on-time" : "late"
        }
        let text = [entry.reason, entry.note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
        if !text.isEmpty { item["text"] = text }
        return item
    }

    /// The control slip's lines of these actions (consultations, payments).
    func entries(actions: [DossierAction.Kind]) -> [[String: Any]] {
        let names = Set(actions.map(\.rawValue))
        return data.timeline.entries.filter { names.contains($0.action) }.map(slipEntry)
    }

    /// Forms 01–05 as issued, and the control slip (06) and the day's tracking book (07), as PDFs.
    func forms() -> [[String: String]] {
        var numbers = data.detail.forms.map(\.number)
        for record in [DossierForm.controlSlip.rawValue, DossierForm.trackingBook.rawValue] where !numbers.contains(record) {
            numbers.append(record)
        }
        var seen = Set<String>()
        return numbers.filter { seen.insert($0).inserted }.compactMap(DossierForm.init(rawValue:)).map { form in
            let issued = data.detail.forms.last { $0.number == form.rawValue }
            var item = [
                "number": form.rawValue, "name": t.messages["case_form_\(form.rawValue)"] ?? form.vietnameseName,
                "href": "\(base)/forms/\(form.rawValue)",
            ]
            if let issued { item["issuedAt"] = VietnamTime.dateTime(issued.issuedAt) }
            return item
        }
    }

    // MARK: Actions

    /// One action's form: its inputs (with the values posted before a refusal), the note and the confirmation.
    func actionView(_ form: CaseActionForm, posted: Posted?, errors: AccountPagesController.Errors) -> [String: Any] {
        let values = posted?.action == form.kind.rawValue ? posted?.fields ?? [:] : [:]
        let messages = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        func field(_ input: CaseActionForm.Input) -> [String: Any] {
            var item: [String: Any] = ["id": form.id(input), "value": values[input.rawValue] ?? ""]
            if let message = messages[form.id(input)] { item["error"] = message }
            return item
        }
        var view: [String: Any] = [
            "name": form.kind.rawValue, "label": t[form.labelKey],
            "action": "\(base)/\(form.kind.rawValue)", "multipart": form.uploads,
            "idempotencyKey": UUID().uuidString.lowercased(),
            "noteId": form.noteID, "note": values["note"] ?? "", "confirmId": form.confirmID,
            "open": posted?.action == form.kind.rawValue,
            "warning": [.refuse, .stop, .withdraw, .sendBack].contains(form.kind),
        ]
        if let hint = t.messages[form.labelKey + "_hint"] { view["hint"] = hint }
        if let message = messages[form.noteID] { view["noteError"] = message }
        if let message = messages[form.confirmID] { view["confirmError"] = message }
        for input in form.inputs {
            var item = field(input)
            switch input {
            case .assignee:
                item["options"] = data.specialists.map { user in
                    ["value": user.username, "label": "\(user.displayName) (\(user.username))",
                     "selected": values["assignee"] == user.username]
                }
                item["hasOptions"] = !data.specialists.isEmpty
            case .missingItems:
                let chosen = Set(CaseActionForm.checked(values, prefix: "missing."))
                item["options"] = data.components.enumerated().map { index, component in
                    ["name": "missing.\(String(format: "%03d", index))", "value": component.name, "label": component.name,
                     "id": "\(form.id(input))-\(index)", "checked": chosen.contains(component.name)]
                }
                item["other"] = values["missingOther"] ?? ""
            case .supplied:
                let chosen = Set(CaseActionForm.checked(values, prefix: "supplied."))
                item["options"] = data.documents.enumerated().map { index, document in
                    ["name": "supplied.\(String(format: "%03d", index))", "value": document.document.id,
                     "label": "\(document.document.filename) (\(document.componentCode))",
                     "id": "\(form.id(input))-\(index)", "checked": chosen.contains(document.document.id)]
                }
            case .agencies:
                let chosen = Set(CaseActionForm.checked(values, prefix: "agency."))
                item["options"] = data.agencyNames.filter { $0.key != data.detail.agencyCode }.sorted { $0.value < $1.value }
                    .enumerated().map { index, agency in
                        ["name": "agency.\(agency.key)", "value": agency.key, "label": "\(agency.value) (\(agency.key))",
                         "id": "\(form.id(input))-\(index)", "checked": chosen.contains(agency.key)]
                    }
                item["other"] = values["agencyOther"] ?? ""
            case .agency:
                item["options"] = data.detail.pendingConsultations.map { code in
                    ["value": code, "label": data.agencyNames[code].map { "\($0) (\(code))" } ?? code, "selected": values["agency"] == code]
                }
            case .channel:
                let current = values["channel"] ?? data.detail.channel.rawValue
                item["options"] = SubmissionChannel.allCases.map { channel in
                    ["value": channel.rawValue, "label": t["channel_\(channel.rawValue)"], "selected": current == channel.rawValue]
                }
            case .newDueDate:
                if let due = data.detail.dueAt { item["min"] = VietnamTime.iso(due).prefix(10).description }
            default:
                break
            }
            view[input.rawValue] = item
        }
        return view
    }
}
