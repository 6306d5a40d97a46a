import Crypto
import Foundation

extension AtRestSealer {
    /// The data key: base64 (standard or URL-safe) of 32 bytes.
    public static let keyVariable = "ONEGATE_DATA_KEY"
    /// Rotated-out data keys that still open what they sealed: base64 keys separated by commas or
    /// white space.
    public static let previousKeysVariable = "ONEGATE_DATA_KEY_PREVIOUS"
    /// The well-known key of the `dev` and `test` profiles (never accepted elsewhere).
    static let developmentKey = Data("onegate-dev-data-key-not-secret!".utf8)

    /// The sealer of `ONEGATE_DATA_KEY` (or the file named by `ONEGATE_DATA_KEY_FILE`: the base64
    /// key, or its 32 raw bytes) with the keys of `ONEGATE_DATA_KEY_PREVIOUS` (`…_FILE`). Only the
    /// `dev` and `test` profiles fall back to the development key, and there it also stays
    /// readable after a real key is set. Throws `MissingSecret` or `InvalidDataKey`.
    public init(environment: ServiceEnvironment) throws {
        let development = try DataKey(SymmetricKey(data: Self.developmentKey))
        var previous = try Self.keys(Self.previousKeysVariable, in: environment)
        let current: DataKey
        if let configured = try Self.keys(Self.keyVariable, in: environment).first {
            current = configured
            if environment.allowsDevelopmentSecrets { previous.append(development) }
        } else {
            guard environment.allowsDevelopmentSecrets else {
                throw MissingSecret(variable: Self.keyVariable, profile: environment.profile)
            }
            current = development
        }
        self.init(current: current, previous: previous)
    }

    /// `init(environment:)` for start-up: a missing or unusable key ends the process (exit status
    /// 78, EX_CONFIG) with the variable named on stderr.
    public static func fromEnvironmentOrExit(_ environment: ServiceEnvironment) -> AtRestSealer {
        do {
            return try AtRestSealer(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("onegate: refusing to start: \(error)\n".utf8))
            exit(78)
        }
    }

    /// Runs a start-up pass that seals stored secrets; a stored value that does not open (sealed
    /// under a data key the environment lacks, or altered) ends the process like a missing key
    /// (exit status 78) with the value named, instead of failing later at its first use.
    public static func refusingToStartUnlessOpens<T>(isolation: isolated (any Actor)? = #isolation,
                                                     _ pass: () async throws -> T) async throws -> T {
        do {
            return try await pass()
        } catch let error as AtRestSealingError {
            FileHandle.standardError.write(Data("onegate: refusing to start: \(error)\n".utf8))
            exit(78)
        }
    }

    private static func keys(_ variable: String, in environment: ServiceEnvironment) throws -> [DataKey] {
        if let path = environment.values[variable + "_FILE"], !path.isEmpty {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw InvalidDataKey(variable: variable + "_FILE", reason: "cannot read \(path)")
            }
            if contents.count == 32 { return [try DataKey(SymmetricKey(data: contents))] }
            return try decode(String(decoding: contents, as: UTF8.self), variable: variable + "_FILE")
        }
        return try decode(environment.values[variable] ?? "", variable: variable)
    }

    private static func decode(_ text: String, variable: String) throws -> [DataKey] {
        try text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { item in
            var base64 = item.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            guard let bytes = Data(base64Encoded: base64), bytes.count == 32 else {
                throw InvalidDataKey(variable: variable, reason: "not the base64 of 32 bytes (make one with `head -c 32 /dev/urandom | base64`)")
            }
            return try DataKey(SymmetricKey(data: bytes))
        }
    }
}

/// A data key variable that is set but unusable.
public struct InvalidDataKey: Error, Equatable, CustomStringConvertible {
    public let variable: String
    public let reason: String

    public init(variable: String, reason: String) {
        self.variable = variable
        self.reason = reason
    }

    public var description: String { "\(variable) is unusable: \(reason)" }
}
