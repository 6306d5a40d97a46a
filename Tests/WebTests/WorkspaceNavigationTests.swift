import Foundation
import Testing
@testable import OnegateWeb

/// The workspace's navigation bar (issue 16): only on `/workspace` paths, only the links the
/// roles open, the current section marked, the rest of the layout as the portal's.
@Suite struct WorkspaceNavigationTests {
    static func links(_ path: String, _ roles: [String]) async throws -> [String]? {
        let catalog = try await WebResources.load().catalog(.vi)
        let view = WorkspaceNavigation.view(path: path, roles: roles, catalog: catalog)
        return (view?["links"] as? [[String: Any]])?.map { ($0["current"] as? Bool == true ? "*" : "") + ($0["text"] as? String ?? "") }
    }

    @Test func linksFollowTheRoles() async throws {
        #expect(try await Self.links("/workspace/", ["one-stop-officer"]) == ["*Công việc", "Tiếp nhận tại quầy"])
        #expect(try await Self.links("/workspace/", ["specialist"]) == ["*Công việc"])
        #expect(try await Self.links("/workspace/", ["agency-leader"]) == ["*Công việc", "Báo cáo"])
        #expect(try await Self.links("/workspace/", ["supervisor", "department-head"]) == ["*Công việc", "Báo cáo"])
        #expect(try await Self.links("/workspace/", ["administrator"]) == ["*Công việc", "Báo cáo", "Quản trị"])
    }

    @Test func theCurrentSectionIsMarked() async throws {
        #expect(try await Self.links("/workspace", ["administrator"]) == ["*Công việc", "Báo cáo", "Quản trị"])
        #expect(try await Self.links("/workspace/dossiers/X", ["administrator"]) == ["*Công việc", "Báo cáo", "Quản trị"])
        #expect(try await Self.links("/workspace/reports/statistics", ["administrator"]) == ["Công việc", "*Báo cáo", "Quản trị"])
        #expect(try await Self.links("/workspace/admin", ["administrator"]) == ["Công việc", "Báo cáo", "*Quản trị"])
        #expect(try await Self.links("/workspace/intake", ["one-stop-officer"]) == ["Công việc", "*Tiếp nhận tại quầy"])
    }

    @Test func onlyInTheWorkspace() async throws {
        #expect(try await Self.links("/", ["administrator"]) == nil)
        #expect(try await Self.links("/workspaces", ["administrator"]) == nil)
        #expect(try await Self.links("/me/dossiers", ["one-stop-officer"]) == nil)
        #expect(try await Self.links("/workspace/", ["citizen"]) == nil, "a citizen on the 403 page")
        #expect(try await Self.links("/workspace/", ["partner", "portal-submitter"]) == nil)
        let resources = try await WebResources.load()
        var chrome = PageChrome(catalog: resources.catalog(.vi), path: "/workspace/", query: [], csrfToken: "c", userName: nil, requestID: "r")
        chrome.roles = ["administrator"]
        #expect(chrome.view(title: "x", [:])["workspace"] == nil, "not signed in: no workspace bar")
        chrome = PageChrome(catalog: resources.catalog(.vi), path: "/workspace/", query: [], csrfToken: "c", userName: "A", requestID: "r")
        chrome.roles = ["administrator"]
        #expect(chrome.view(title: "x", [:])["workspace"] != nil)
    }
}
