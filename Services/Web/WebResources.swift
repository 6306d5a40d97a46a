import Foundation
import Mustache

/// The web module's resources, read once at start: the Mustache templates, the message catalogs
/// and the static assets (`/assets/…`), all shipped in the module's bundle.
public struct WebResources: Sendable {
    /// A static file served under `/assets/`.
    public struct Asset: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
        /// A strong validator: a hash of the bytes.
        public let etag: String
    }

    public let templates: MustacheLibrary
    public let catalogs: [Language: MessageCatalog]
    public let assets: [String: Asset]

    /// Loads everything from the module's bundle; a template that does not parse or a missing
    /// catalog stops the gateway at start rather than at the first page.
    public static func load() async throws -> WebResources {
        guard let root = Bundle.module.resourceURL else { throw WebResourceError.missing("bundle") }
        let templates = try templateLibrary(root.appendingPathComponent("Templates"))
        var catalogs: [Language: MessageCatalog] = [:]
        for language in Language.allCases {
            catalogs[language] = try MessageCatalog.load(language, fromFolder: root.appendingPathComponent("Catalogs"))
        }
        let assetsFolder = root.appendingPathComponent("Assets")
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: assetsFolder.path) {
            guard let type = contentTypes[(name as NSString).pathExtension] else { continue }
            let bytes = [UInt8](try Data(contentsOf: assetsFolder.appendingPathComponent(name)))
            assets[name] = Asset(bytes: bytes, contentType: type, etag: "\"\(fnv1a(bytes))\"")
        }
        return WebResources(templates: templates, catalogs: catalogs, assets: assets)
    }

    /// Every `*.mustache` file of `folder` under its name without the extension, each rendered
    /// with `HTMLEscaping` (a template's first tag sets its content type, and a partial starts
    /// again with swift-mustache's default, so each file gets the pragma).
    static func templateLibrary(_ folder: URL) throws -> MustacheLibrary {
        HTMLEscaping.register()
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            do {
                try library.register("{{% CONTENT_TYPE: \(HTMLEscaping.contentTypeName)}}" + text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw WebResourceError.invalidTemplate(name, "\(error)")
            }
        }
        return library
    }

    /// The catalog of `language` (both are loaded at start).
    public func catalog(_ language: Language) -> MessageCatalog {
        catalogs[language] ?? MessageCatalog(language: language, messages: [:])
    }

    /// The page `template` rendered with `view`; nil when there is no such template.
    public func render(_ template: String, _ view: [String: Any]) -> String? {
        templates.render(view, withTemplate: template)
    }

    static let contentTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "ico": "image/x-icon",
    ]

    static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}

public enum WebResourceError: Error, CustomStringConvertible {
    case missing(String)
    case invalidTemplate(String, String)
    case duplicateKey(String, String)
    public var description: String {
        switch self {
        case .missing(let what): "web resources: \(what) not found"
        case .invalidTemplate(let name, let why): "web resources: template \(name) does not parse: \(why)"
        case .duplicateKey(let key, let file): "web resources: catalog key \(key) is defined again in \(file)"
        }
    }
}
