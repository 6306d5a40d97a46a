import Contracts
import Domain
import Foundation

/// Everything the case page shows, read from the services that own it, as the signed-in officer:
/// processing's case (with `allowedActions`) and control slip, the dossier's documents and
/// e-results (`documents`), the procedure version's components (catalog), the working calendar
/// for the time left, and — only when the case offers `assign` — the specialists who may take it.
struct CaseData {
    var detail: CaseDetail
    var timeline: Timeline
    var documents: [DossierDocument]
    var results: [ResultView]
    var components: [DossierComponent]
    var calendar: WorkingCalendar
    var unitNames: [String: String]
    var agencyNames: [String: String]
    var specialists: [UserView]

    /// Reads the case; processing's refusal (404 for a dossier the caller may not see) passes through.
    static func load(code: String, backend: Backend, procedures: PublishedProcedures, caller: Caller,
                     requestID: String) async throws -> CaseData {
        let detail = try await backend.call(.processing, "case", CaseReference(code: code), as: CaseDetail.self,
                                            caller: caller, requestID: requestID)
        async let timeline = backend.call(.processing, "timeline", CaseReference(code: code), as: Timeline.self,
                                          caller: caller, requestID: requestID)
        async let documents = backend.call(.documents, "dossier", CaseReference(code: code), as: DossierDocuments.self,
                                           caller: caller, requestID: requestID)
        async let procedure = backend.call(.catalog, "procedures.get",
                                           ProcedureReference(code: detail.procedureCode, version: detail.procedureVersion),
                                           as: ProcedureView.self, requestID: requestID)
        async let units = procedures.unitNames(requestID: requestID)
        async let agencies = procedures.agencyNames(requestID: requestID)
        async let calendar = workingCalendar(backend: backend, requestID: requestID)
        var results: [ResultView] = []
        for resultCode in detail.resultCodes {
            do {
                results.append(try await backend.call(.documents, "result.get", ResultReference(code: resultCode), as: ResultView.self,
                                                      caller: caller, requestID: requestID))
            } catch let problem as Problem where problem.status == 404 {
                continue  // numbered by processing, not yet signed by documents
            }
        }
        var specialists: [UserView] = []
        if detail.allowedActions.contains(DossierAction.Kind.assign.rawValue) {
            specialists = try await assignable(detail: detail, caller: caller, backend: backend, requestID: requestID)
        }
        // Names and the calendar only decorate the page: without them it still shows the case.
        let components = (try? await procedure)?.procedure.components
        let unitNames = try? await units
        let agencyNames = try? await agencies
        return CaseData(detail: detail, timeline: try await timeline, documents: try await documents.items,
                        results: results, components: components ?? [], calendar: await calendar,
                        unitNames: unitNames ?? [:], agencyNames: agencyNames ?? [:], specialists: specialists)
    }

    /// The active specialists of the unit holding the dossier's current step (else of the units in
    /// which the caller is a department head): whom the page offers for `assign`. Processing checks
    /// the one chosen.
    static func assignable(detail: CaseDetail, caller: Caller, backend: Backend, requestID: String) async throws -> [UserView] {
        var units = Set(caller.assignments.filter { $0.role == Role.departmentHead.rawValue }.map(\.orgUnit))
        if let unit = detail.currentStep?.orgUnit { units.insert(unit) }
        let users = try await backend.call(.identity, "users.all", Empty(), as: [UserView].self, requestID: requestID)
        return users.filter { user in
            !user.disabled && user.roles.contains { $0.role == Role.specialist.rawValue && units.contains($0.orgUnit) }
        }.sorted { $0.displayName < $1.displayName }
    }

    /// This year's and next year's holidays and office hours (the standard week when the catalog has none).
    static func workingCalendar(backend: Backend, requestID: String) async -> WorkingCalendar {
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        var views: [CalendarYearView] = []
        for candidate in [year, year + 1] {
            if let view = try? await backend.call(.catalog, "calendar.get", CalendarYearRequest(year: candidate),
                                                  as: CalendarYearView.self, requestID: requestID) {
                views.append(view)
            }
        }
        return CalendarYearView.workingCalendar(views, officeHoursOf: year)
    }
}
