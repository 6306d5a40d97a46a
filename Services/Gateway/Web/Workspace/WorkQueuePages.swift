import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// `GET /workspace/` (docs/web.md, "Workspace"): the staff user's work queues, the first page
/// after signing in. One tab per kind of work the user's roles do (`WorkQueueTab`), each with its
/// count; the filters as a plain GET form; sorted by due date; 20 a page; overdue and due-soon rows
/// labelled in words with an icon. Everything is processing's queue (`processing.queue`), which
/// decides which dossiers the user sees. The live part is re-read by `onegate.js` every
/// `liveSeconds` and swapped in when it changed; without JavaScript, a reload link.
struct WorkQueuePages {
    let backend: Backend
    let resources: WebResources
    let procedures: PublishedProcedures
    let procedureList: WorkQueueProcedures
    let liveSeconds: Int

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace", use: queue)
    }

    @Sendable func queue(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let filters = WorkQueueFilters(WebPage.query(request))
        let tabs = WorkQueueTab.visible(to: access)
        guard let tab = tabs.first(where: { $0.id == filters.tab }) ?? tabs.first else {
            return try page.render("workspace-queue", title: t["wq_title"], ["noQueue": t["wq_no_queue"]])
        }
        let requestID = context.requestID
        async let options = filterOptions(t, filters: filters, requestID: requestID)
        async let counts = counts(tabs, filters: filters, access: access, requestID: requestID)
        let found = try await backend.call(.processing, "queue",
                                           tab.query(filters.query(page: filters.page, pageSize: WorkQueueFilters.pageSize), access: access),
                                           as: Page<WorkQueueItem>.self, caller: access.caller, requestID: requestID)
        let totals = try await counts
        let now = Date()
        let rows = found.items.map { row($0, t: t, now: now) }
        let pages = max(1, (found.total + WorkQueueFilters.pageSize - 1) / WorkQueueFilters.pageSize)
        let base = filters.parameters(tab: tab.id)
        var view: [String: Any] = [
            "tabs": tabs.map { candidate -> [String: Any] in
                var item: [String: Any] = [
                    "id": candidate.id, "name": t["wq_tab_\(candidate.id)"], "count": String(totals[candidate.id] ?? 0),
                    "countText": t.format("wq_tab_count", ["count": String(totals[candidate.id] ?? 0)]),
                    "href": PageChrome.link(path: "/workspace/", query: filters.parameters(tab: candidate.id)),
                ]
                if candidate.id == tab.id { item["current"] = true }
                return item
            },
            "tab": tab.id, "tabName": t["wq_tab_\(tab.id)"],
            "rows": rows, "empty": rows.isEmpty,
            "countText": t.format("wq_count", ["count": String(found.total),
                                              "order": t[filters.order == "due-desc" ? "wq_sort_due_desc" : "wq_sort_due_asc"]]),
            "pageText": t.format("results_page", ["page": String(filters.page), "pages": String(pages)]),
            "selfURL": PageChrome.link(path: "/workspace/", query: base + (filters.page > 1 ? [("page", String(filters.page))] : [])),
            "liveSeconds": String(liveSeconds),
            "liveVersion": Self.version(totals, found),
            "filters": try await options,
        ]
        if filters.isFiltered { view["clearHref"] = PageChrome.link(path: "/workspace/", query: [("tab", tab.id)]) }
        if filters.page > 1 { view["previous"] = PageChrome.link(path: "/workspace/", query: base + [("page", String(min(filters.page - 1, pages)))]) }
        if filters.page < pages { view["next"] = PageChrome.link(path: "/workspace/", query: base + [("page", String(filters.page + 1))]) }
        if !filters.invalid.isEmpty {
            view["invalid"] = t.format("wq_filter_invalid", ["fields": filters.invalid.map { t["wq_filter_\($0 == "order" ? "sort" : $0)"] }.joined(separator: ", ")])
        }
        return try page.render("workspace-queue", title: t["wq_title"], view)
    }

    /// Each visible tab's count under the page's filters: processing's `queue.counts`, one call.
    func counts(_ tabs: [WorkQueueTab], filters: WorkQueueFilters, access: WorkspaceAccess, requestID: String) async throws -> [String: Int] {
        let queries = tabs.map { $0.query(filters.query(page: 1, pageSize: 1), access: access) }
        let counts = try await backend.call(.processing, "queue.counts", WorkQueueCountsQuery(queries: queries), as: WorkQueueCounts.self,
                                            caller: access.caller, requestID: requestID)
        return Dictionary(zip(tabs.map(\.id), counts.totals), uniquingKeysWith: { first, _ in first })
    }

    /// The live part's version: the counts and the rows shown; a change makes the script swap it in.
    static func version(_ totals: [String: Int], _ page: Page<WorkQueueItem>) -> String {
        let counts = totals.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let rows = page.items.map { "\($0.code):\($0.state):\($0.overdue ? 1 : 0)" }.joined(separator: ",")
        return "\(page.total);\(counts);\(rows)"
    }

    func row(_ item: WorkQueueItem, t: MessageCatalog, now: Date) -> [String: Any] {
        var row: [String: Any] = [
            "code": item.code, "href": "/workspace/dossiers/\(PageChrome.encode(item.code))",
            "procedure": item.procedureName ?? item.procedureCode, "procedureCode": item.procedureCode,
            "applicant": item.applicantName ?? "—",
            "status": t.messages["status_name_\(item.status.code)"] ?? item.status.name,
            "numberText": t.format("status_number", ["number": String(item.status.code)]),
            "tone": NationalStatus(rawValue: item.status.code).map { StatusPresentation.tone($0).rawValue } ?? "waiting",
            "submittedAt": VietnamTime.dateTime(item.submittedAt),
            "assignee": item.assignee ?? t["wq_unassigned"],
            "due": item.dueAt.map(VietnamTime.dateTime) ?? t["wq_due_none"],
        ]
        let finished = NationalStatus(rawValue: item.status.code)?.isFinal ?? false
        if item.overdue && !finished {
            row["mark"] = ["kind": "overdue", "overdue": true, "text": t["wq_overdue"]]
        } else if let due = item.dueAt, !finished, due > now, due.timeIntervalSince(now) <= Double(WorkQueueFilters.dueSoonHours) * 3600 {
            row["mark"] = ["kind": "soon", "soon": true, "text": t["wq_due_soon"]]
        }
        return row
    }

    /// The filter form's lists with the current choice selected.
    func filterOptions(_ t: MessageCatalog, filters: WorkQueueFilters, requestID: String) async throws -> [String: Any] {
        let agencyCodes = try await procedures.agencyCodes(requestID: requestID)
        let agencyNames = try await procedures.agencyNames(requestID: requestID)
        let unitNames = try await procedures.unitNames(requestID: requestID)
        let procedureList = try await procedureList.list(requestID: requestID)
        func option(_ value: String, _ text: String, selected: Bool) -> [String: Any] {
            selected ? ["value": value, "text": text, "selected": true] : ["value": value, "text": text]
        }
        return [
            "tab": filters.tab ?? "",
            "statuses": NationalStatus.allCases.map {
                option(String($0.rawValue), "\($0.rawValue). " + (t.messages["status_name_\($0.rawValue)"] ?? $0.vietnameseName),
                       selected: filters.status == $0.rawValue)
            },
            "procedures": procedureList.map { option($0.code, "\($0.name) (\($0.code))", selected: filters.procedure == $0.code) },
            "agencies": agencyCodes.map { option($0, agencyNames[$0] ?? $0, selected: filters.agency == $0) },
            "units": unitNames.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
                .map { option($0.key, $0.value, selected: filters.unit == $0.key) },
            "dues": [option("soon", t.format("wq_filter_due_soon", ["hours": String(WorkQueueFilters.dueSoonHours)]), selected: filters.due == "soon"),
                     option("overdue", t["wq_filter_overdue"], selected: filters.due == "overdue")],
            "orders": [option("due", t["wq_sort_due_asc"], selected: filters.order == "due"),
                       option("due-desc", t["wq_sort_due_desc"], selected: filters.order == "due-desc")],
        ]
    }
}
